package dev.smskamelets.core.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One record that could not be written: what it was, where it was going, why it failed. Stored as one JSON line;
 * every text in it has been through the {@link dev.smskamelets.core.redact.Redactor}.
 *
 * @param id       unique, time-ordered id ({@code 20240301T101500123Z-<uuid8>})
 * @param time     ISO-8601 instant of the failure
 * @param job      job id (bean property {@code job}, else the route id)
 * @param routeId  id of the route where it failed
 * @param target   where the record was going (e.g. {@code textrequest:dashboard-12}, or the failed endpoint)
 * @param attempts attempts so far (HTTP retries, Camel redeliveries and earlier replays)
 * @param error    the typed error
 * @param headers  the message headers needed to replay it (simple values, no Camel* or credential headers)
 * @param body     the record, as text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String id, String time, String job, String routeId, String target, int attempts,
        Error error, Map<String, Object> headers, String body) {

    /**
     * The failure.
     *
     * @param type       exception class name
     * @param message    exception message (redacted, at most 2000 characters)
     * @param vendor     {@link DescribedFailure#vendor()}
     * @param operation  {@link DescribedFailure#operation()}
     * @param status     HTTP status, {@code null} when none
     * @param vendorCode vendor error code
     * @param retryable  whether a later replay may succeed, {@code null} when unknown
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String type, String message, String vendor, String operation, Integer status,
            String vendorCode, Boolean retryable) {
    }

    /** A copy with another attempt count. */
    public DeadLetter withAttempts(int count) {
        return new DeadLetter(id, time, job, routeId, target, count, error, headers, body);
    }
}
