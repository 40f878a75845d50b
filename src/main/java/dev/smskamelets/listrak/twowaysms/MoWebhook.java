package dev.smskamelets.listrak.twowaysms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.webhook.SharedSecretCheck;
import java.io.IOException;
import dev.smskamelets.core.optout.OptOutKeywords;
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
    /** Header: true when the whole inbound message is an opt-out keyword (STOP, QUIT, OPT OUT, ...). */
    public static final String OPT_OUT = "listrakOptOut";
    /** Header: true when a short message asks for the texts to stop inside a sentence ("please stop texting me"). */
    public static final String REVOCATION = "listrakOptOutRevocation";
    /** Header: the keyword found (only when there is one). */
    public static final String KEYWORD = "listrakOptOutKeyword";
    private static final ObjectMapper JSON = new ObjectMapper();

    private String secret;
    private volatile SharedSecretCheck pathCheck;
    private volatile SharedSecretCheck headerCheck;
    private String secretHeader = "X-Webhook-Secret";
    private String path = "";

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        if (!admitted(exchange)) {
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
        // the same keyword rule as every inbound path (core.optout.OptOutKeywords): the whole message a keyword is an
        // opt-out; a short sentence asking the texts to stop is a revocation the caller's policy decides on
        OptOutKeywords.Match match = OptOutKeywords.classify(mo.get("Text").asText());
        in.setHeader(OPT_OUT, match.kind() == OptOutKeywords.Kind.OPT_OUT);
        in.setHeader(REVOCATION, match.kind() == OptOutKeywords.Kind.REVOCATION);
        if (match.keyword() != null) {
            in.setHeader(KEYWORD, match.keyword());
        }
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(raw);
    }

    /** The header check when the request carries the header, else the path check. */
    private boolean admitted(Exchange exchange) {
        SharedSecretCheck path = pathCheck;
        if (path == null) {
            if (secret == null) {
                throw new IllegalStateException("MoWebhook: property secret is not set");
            }
            headerCheck = secretHeader == null || secretHeader.isBlank() ? null
                    : new SharedSecretCheck(secret, "header", secretHeader);
            pathCheck = path = new SharedSecretCheck(secret, "path", null, this.path);
        }
        SharedSecretCheck header = headerCheck;
        if (header != null && exchange.getIn().getHeader(secretHeader) != null) {
            return header.accepts(exchange);
        }
        return path.accepts(exchange);
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

    /** The shared secret (at least 16 URL-safe characters), checked by {@link SharedSecretCheck}. */
    public void setSecret(String secret) {
        this.secret = secret;
        new SharedSecretCheck(secret, "path", null); // refuses a short or non-URL-safe secret at start-up
    }
    /** Header that may carry the secret (default {@code X-Webhook-Secret}); empty = path only. */
    public void setSecretHeader(String secretHeader) { this.secretHeader = secretHeader; }
    /** The receiving path; a secret in the path is the one segment after it. */
    public void setPath(String path) { this.path = path == null ? "" : path; }
}
