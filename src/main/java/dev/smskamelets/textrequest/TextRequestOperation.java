package dev.smskamelets.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.phone.PhoneNormalizer;
import dev.smskamelets.textrequest.TextRequestEndpoints.Endpoint;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Prepares one Text Request API call for the {@link VendorClient} that sends it (the {@code textrequest} component's
 * producer, see {@link TextRequestEndpoint}): picks the operation ({@code resource} + {@code operation}, see {@link TextRequestEndpoints}), fills the path from the
 * {@code dashboardId} property and the headers {@code phone} (10 or 11 US digits, punctuation allowed),
 * {@code id} (a tag, group, keyword, field, hook, dashboard or message id) and, for lists, {@code page} and
 * {@code pageSize}, and checks the body. Every check happens here, before any request; a failure is an
 * IllegalArgumentException naming the field and the value.
 */
public class TextRequestOperation implements Processor {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    private final PhoneNormalizer phones = new PhoneNormalizer();
    private String resource;
    private String operation;
    private String dashboardId;
    private String phone;
    private String statusCallbackUrl;
    private String hookName;

    public TextRequestOperation() {
        phones.setTarget("textrequest");
        phones.setValidation("possible");
    }

    @Override
    public void process(Exchange exchange) {
        Endpoint endpoint = TextRequestEndpoints.of(resource, operation);
        Message in = exchange.getIn();
        String path = endpoint.path();
        if (endpoint.needs("dashboard")) {
            path = path.replace("{dashboard}", digits("dashboardId", dashboardId));
        }
        if (endpoint.needs("phone")) {
            String raw = in.getHeader("phone", String.class);
            raw = raw == null || raw.isBlank() ? phone : raw;
            if (raw == null || raw.isBlank()) {
                throw new IllegalArgumentException("Text Request " + resource + " " + operation
                        + " needs the header 'phone' (10 or 11 US digits), got '" + (raw == null ? "" : raw) + "'");
            }
            path = path.replace("{phone}", TextRequestBodies.phone(phones, "phone", raw));
        }
        if (endpoint.needs("id")) {
            String id = in.getHeader("id", String.class);
            if ("dashboard".equals(resource) && (id == null || id.isBlank())) {
                id = dashboardId;
            }
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException("Text Request " + resource + " " + operation
                        + " needs the header 'id' (letters, digits, '-', '_', '.'), got '" + id + "'");
            }
            path = path.replace("{id}", id);
        }
        String query = null;
        byte[] body = null;
        switch (endpoint.body()) {
            case PAGE -> query = "page=" + digits("page", in.getHeader("page", "0", String.class))
                    + "&page_size=" + digits("pageSize", in.getHeader("pageSize", "100", String.class));
            case OBJECT -> body = bytes("hook".equals(resource)
                    ? TextRequestBodies.hook(TextRequestBodies.read(in), hookName)
                    : TextRequestBodies.object(TextRequestBodies.read(in), resource + " " + operation));
            case ARRAY -> body = bytes(TextRequestBodies.bulk(TextRequestBodies.read(in), phones));
            case MESSAGE -> body = bytes(TextRequestBodies.message(TextRequestBodies.read(in), statusCallbackUrl));
            case NONE -> { }
        }
        in.removeHeaders("CamelHttp*");
        in.setHeader(Exchange.HTTP_METHOD, endpoint.method());
        in.setHeader(Exchange.HTTP_PATH, path);
        if (query != null) {
            in.setHeader(Exchange.HTTP_QUERY, query);
        }
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(body);
        exchange.setProperty(VendorClient.OPERATION, endpoint.operationId());
        exchange.setProperty(VendorClient.EXPECT_JSON, endpoint.json());
    }

    private static String digits(String field, String value) {
        if (value == null || !DIGITS.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException("Text Request field '" + field + "' must be a whole number, got '"
                    + value + "'");
        }
        return value.strip();
    }

    private static byte[] bytes(JsonNode json) {
        return json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Resource: contact, conversation, message, dashboard, tag, group, keyword, custom-field or hook (or the plural of
     * the component's URI: contacts, custom-fields, ...).
     */
    public void setResource(String resource) {
        this.resource = TextRequestEndpoints.resource(resource);
    }

    /** Operation of the resource (see {@link TextRequestEndpoints}). */
    public void setOperation(String operation) {
        this.operation = operation == null ? null : operation.strip();
    }

    public void setDashboardId(String dashboardId) {
        this.dashboardId = dashboardId;
    }

    /** Phone number used when the message has no {@code phone} header. */
    public void setPhone(String phone) {
        this.phone = phone;
    }

    /** Name of a hook registered without one (default: {@code "sms-kamelets <event>"}). */
    public void setHookName(String hookName) {
        this.hookName = hookName;
    }

    /** Status callback URL added to messages that carry none. */
    public void setStatusCallbackUrl(String statusCallbackUrl) {
        this.statusCallbackUrl = statusCallbackUrl;
    }
}
