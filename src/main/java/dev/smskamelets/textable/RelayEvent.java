package dev.smskamelets.textable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smskamelets.core.optout.OptOutKeywords;
import dev.smskamelets.core.redact.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The event a Textable relay delivery becomes: the vendor's {@code RelayWebhookPayload} (PascalCase, as sent) without
 * {@code AccessToken} (the Textable user's API credential, dropped unless asked to keep it), plus
 * <ul>
 *   <li>{@code ToNumbers}: always an array ({@code ToNumber} is a string, or an array for a group MMS; kept as sent),</li>
 *   <li>{@code GroupMessage}: true when {@code ToNumber} was an array,</li>
 *   <li>{@code OptOut}: true for an inbound message whose whole text is a STOP-family keyword
 *       ({@link StopKeywords}), with the keyword in {@code OptOutKeyword},</li>
 *   <li>{@code OptOutRevocation}: true for an inbound short message that asks for the texts to stop inside a sentence
 *       ({@code "please stop texting me"}, {@link OptOutKeywords.Kind#REVOCATION}), with the keyword in
 *       {@code OptOutKeyword}; whether it is applied is the job's revocation policy.</li>
 * </ul>
 * {@link #headers()} repeats the routing fields as {@code textable*} message headers.
 */
public record RelayEvent(ObjectNode body, Map<String, Object> headers) {

    public static final String ACCESS_TOKEN = "AccessToken";
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Builds the event from a parsed payload (a JSON object). */
    public static RelayEvent of(JsonNode payload, boolean keepUserCredential) {
        ObjectNode event = ((ObjectNode) payload).deepCopy();
        JsonNode credential = event.get(ACCESS_TOKEN);
        if (credential != null && credential.isTextual()) {
            Redactor.registerSecret(credential.asText()); // masked in any log line, kept or not
        }
        if (!keepUserCredential) {
            event.remove(ACCESS_TOKEN);
        }
        JsonNode to = event.path("ToNumber");
        ArrayNode numbers = event.arrayNode();
        if (to.isArray()) {
            to.forEach(n -> numbers.add(n.asText()));
        } else if (to.isValueNode() && !to.isNull()) {
            numbers.add(to.asText());
        }
        event.set("ToNumbers", numbers);
        event.put("GroupMessage", to.isArray());
        boolean inbound = "in".equalsIgnoreCase(event.path("MessageDirection").asText(""));
        OptOutKeywords.Match match = inbound ? OptOutKeywords.classify(event.path("MessageBody").asText(null))
                : OptOutKeywords.Match.NONE;
        Optional<String> keyword = match.kind() == OptOutKeywords.Kind.NONE ? Optional.empty()
                : Optional.of(match.keyword());
        boolean revocation = match.kind() == OptOutKeywords.Kind.REVOCATION;
        event.put("OptOut", match.kind() == OptOutKeywords.Kind.OPT_OUT);
        event.put("OptOutRevocation", revocation);
        keyword.ifPresent(k -> event.put("OptOutKeyword", k));

        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("textableMessageId", event.path("MessageID").asText(null));
        headers.put("textableConversationId", event.path("ConversationID").asText(null));
        headers.put("textableDirection", event.path("MessageDirection").asText(null));
        headers.put("textableFromNumber", event.path("FromNumber").asText(null));
        headers.put("textableUserId", event.path("TextableUserID").asText(null));
        headers.put("textableGroupMessage", to.isArray());
        headers.put("textableOptOut", match.kind() == OptOutKeywords.Kind.OPT_OUT);
        if (match.kind() == OptOutKeywords.Kind.OPT_OUT) {
            headers.put("textableOptOutKeyword", match.keyword());
        }
        headers.values().removeIf(v -> v == null);
        return new RelayEvent(event, headers);
    }

    /** The event as JSON text. */
    public String json() {
        return body.toString();
    }
}
