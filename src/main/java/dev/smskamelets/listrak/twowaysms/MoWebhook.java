package dev.smskamelets.listrak.twowaysms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.webhook.SharedSecretCheck;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Admits one Listrak Two-Way SMS MO webhook delivery ({@code {SenderCode, CountryCode, PhoneId, Text}}). Listrak
 * signs nothing, so the receiver requires a shared secret: in the header {@code secretHeader} or as the last path
 * segment after {@code path} ({@code https://host/<path>/<secret>}, for the Listrak UI, where only a URL can be
 * entered). Without it the answer is 401; a body that is not the MO payload is a 400. An admitted delivery keeps
 * its raw JSON body and gets the headers {@code listrakPhoneId}, {@code listrakSenderCode},
 * {@code listrakCountryCode}; every HTTP header (the secret's included) is removed before it is handed on.
 * Refusals set the exchange property {@value #REFUSED}.
 */
public class MoWebhook implements Processor {

    /** Exchange property set (true) when the delivery was answered here (401 or 400) and must not go on. */
    public static final String REFUSED = "listrakWebhookRefused";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedSecretCheck check;
    private String secretHeader = "X-Webhook-Secret";
    private String path = "";

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        if (!check.matches(presented(in))) {
            refuse(exchange, 401, "Unauthorized");
            return;
        }
        String raw = in.getBody(String.class);
        JsonNode mo;
        try {
            mo = raw == null ? null : JSON.readTree(raw);
        } catch (IOException e) {
            mo = null;
        }
        String problem = problem(mo);
        if (problem != null) {
            refuse(exchange, 400, problem);
            return;
        }
        in.removeHeaders("*");
        in.setHeader("listrakPhoneId", mo.get("PhoneId").asLong());
        in.setHeader("listrakSenderCode", mo.path("SenderCode").asText(null));
        in.setHeader("listrakCountryCode", mo.path("CountryCode").asText(null));
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(raw);
    }

    private String presented(Message in) {
        String header = secretHeader == null || secretHeader.isBlank() ? null : in.getHeader(secretHeader, String.class);
        if (header != null) {
            return header;
        }
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) {
            return null;
        }
        String p = uri.replaceFirst("[?#].*", "");
        String base = path.endsWith("/") ? path : path + "/";
        int at = p.indexOf(base);
        String rest = at < 0 ? "" : p.substring(at + base.length());
        return rest.isEmpty() || rest.contains("/") ? null : java.net.URLDecoder.decode(rest, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String problem(JsonNode mo) {
        if (mo == null || !mo.isObject()) {
            return "The body must be the JSON object {SenderCode, CountryCode, PhoneId, Text}.";
        }
        JsonNode phone = mo.get("PhoneId");
        if (phone == null || !phone.canConvertToLong() || !phone.isIntegralNumber()) {
            return "PhoneId must be an integer, got " + phone + ".";
        }
        JsonNode text = mo.get("Text");
        if (text == null || !text.isTextual()) {
            return "Text must be a string, got " + text + ".";
        }
        return null;
    }

    private static void refuse(Exchange exchange, int status, String message) {
        Message in = exchange.getIn();
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody("{\"message\":" + JSON.valueToTree(message) + "}");
        exchange.setProperty(REFUSED, true);
    }

    /** The shared-secret check (its {@code secret} is the kamelet's {@code webhookSecret}). */
    public void setCheck(SharedSecretCheck check) { this.check = check; }
    /** Header that may carry the secret (default {@code X-Webhook-Secret}); empty = path only. */
    public void setSecretHeader(String secretHeader) { this.secretHeader = secretHeader; }
    /** The receiving path; a secret in the path is the one segment after it. */
    public void setPath(String path) { this.path = path == null ? "" : path; }
}
