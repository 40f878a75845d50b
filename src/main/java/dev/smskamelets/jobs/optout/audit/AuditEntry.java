package dev.smskamelets.jobs.optout.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of the append-only opt-out audit trail: an {@code event} (an opt-out received) or an {@code outcome} (what
 * one target did about it). Written by Jackson as one JSON object; null fields are left out. Times are ISO-8601
 * instants. Holds no secret and no message body beyond the keyword.
 *
 * @param type           {@code event} or {@code outcome}
 * @param eventId        the event's id (both types)
 * @param number         the number, E.164 (event)
 * @param originVendor   {@code listrak-sms}, {@code textrequest}, {@code textable} (event)
 * @param originAccount  the sender code, dashboard or Textable user the opt-out came from (event)
 * @param channel        {@code webhook}, {@code poll} or {@code inbound} (event)
 * @param decision       {@code opt-out} or {@code review} (a revocation held for review) (event)
 * @param keyword        the keyword of an inbound message (event)
 * @param messageId      the inbound message id (event)
 * @param webhookEventId the web hook event id (event)
 * @param reason         the vendor's opt-out reason, e.g. Listrak's {@code optOutReason} (event)
 * @param vendorAt       when the vendor recorded the opt-out, if it says (event)
 * @param receivedAt     when this system received it (event)
 * @param target         the target, e.g. {@code listrak-sms:1234}, {@code textrequest:101}, {@code textable} (outcome)
 * @param outcome        {@code applied}, {@code already}, {@code absent}, {@code failed}, {@code dead-lettered} (outcome)
 * @param at             when the outcome happened (outcome)
 * @param detail         a short note (outcome), at most 200 characters, secrets masked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "eventId", "number", "originVendor", "originAccount", "channel", "decision", "keyword",
    "messageId", "webhookEventId", "reason", "vendorAt", "receivedAt", "target", "outcome", "at", "detail"})
public record AuditEntry(String type, String eventId, String number, String originVendor, String originAccount,
        String channel, String decision, String keyword, String messageId, String webhookEventId, String reason,
        String vendorAt, String receivedAt, String target, String outcome, String at, String detail) {

    public static final String EVENT = "event";
    public static final String OUTCOME = "outcome";

    @JsonIgnore
    public boolean isEvent() {
        return EVENT.equals(type);
    }

    /** The time that files this entry (its month): receivedAt of an event, at of an outcome. */
    @JsonIgnore
    public String time() {
        return isEvent() ? receivedAt : at;
    }

    static AuditEntry outcome(String eventId, String target, String outcome, String at, String detail) {
        return new AuditEntry(OUTCOME, eventId, null, null, null, null, null, null, null, null, null, null, null,
                target, outcome, at, detail);
    }
}
