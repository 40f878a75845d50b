package dev.smskamelets.sandbox.listrak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.time.Instant;
import java.util.Map;

/** Listrak Two-Way SMS operations: open and close tickets, send within a ticket, read a phone's message stream. */
final class TwoWayOperations {

    static final int MAX_MESSAGE = 1000;

    private final TwoWayState state;
    private final Ledger ledger;

    TwoWayOperations(TwoWayState state, Ledger ledger) {
        this.state = state;
        this.ledger = ledger;
    }

    void register(ListrakRoutes routes) {
        routes.add("POST", "/tickets", "openTicket", this::open)
                .add("DELETE", "/tickets", "closeTicket", this::close)
                .add("POST", "/send", "send", this::send)
                .add("GET", "/messagestream/{phoneId}", "getMessageStream", this::stream);
    }

    private SandboxResponse open(SandboxRequest r) {
        JsonNode body = SmsContactOperations.object(r);
        long phoneId = phoneId(body);
        String ticketId = SmsContactOperations.text(body, "externalTicketId");
        TwoWayState.Ticket open = state.tickets.get(phoneId);
        if (open != null) {
            throw new ListrakError(409, "CONFLICT", "Phone " + phoneId + " already has open ticket " + open.externalTicketId() + ".");
        }
        state.tickets.put(phoneId, new TwoWayState.Ticket(phoneId, ticketId, body.path("integrationType").asText(null), Instant.now()));
        ledger.record(ListrakIntegration.TWO_WAY, "openTicket", "ticket", Long.toString(phoneId), "opened " + ticketId,
                ListrakRoutes.requestId(r));
        return SandboxResponse.empty(201);
    }

    private SandboxResponse close(SandboxRequest r) {
        if (r.body().length == 0) {
            throw ListrakError.invalidParameter("DELETE /tickets needs a JSON body {integrationType, phoneId}.");
        }
        long phoneId = phoneId(SmsContactOperations.object(r));
        TwoWayState.Ticket ticket = state.tickets.remove(phoneId);
        if (ticket == null) {
            throw ListrakError.notFound("NOT_FOUND", "Phone " + phoneId + " has no open ticket.");
        }
        ledger.record(ListrakIntegration.TWO_WAY, "closeTicket", "ticket", Long.toString(phoneId),
                "closed " + ticket.externalTicketId(), ListrakRoutes.requestId(r));
        return SandboxResponse.empty(204);
    }

    private SandboxResponse send(SandboxRequest r) {
        JsonNode body = SmsContactOperations.object(r);
        long phoneId = phoneId(body);
        String text = SmsContactOperations.text(body, "messageBody");
        if (text.length() > MAX_MESSAGE) {
            throw ListrakError.invalidParameter("messageBody is " + text.length() + " characters; the maximum is 1000.");
        }
        String ticketId = body.path("externalTicketId").asText(null);
        TwoWayState.Ticket ticket = state.tickets.get(phoneId);
        if (ticket != null && ticketId != null && !ticket.externalTicketId().equals(ticketId)) {
            throw new ListrakError(409, "CONFLICT", "externalTicketId " + ticketId + " is not the open ticket of phone "
                    + phoneId + " (" + ticket.externalTicketId() + ").");
        }
        TwoWayState.Message m = state.add(phoneId, "outbound", text, null, ticketId);
        ledger.record(ListrakIntegration.TWO_WAY, "send", "message", Long.toString(m.messageId()),
                "sent to " + phoneId, ListrakRoutes.requestId(r));
        return SandboxResponse.empty(202);
    }

    private SandboxResponse stream(SandboxRequest r) {
        long phoneId;
        try {
            phoneId = Long.parseLong(r.pathParam("phoneId"));
        } catch (NumberFormatException e) {
            throw ListrakError.invalidParameter("phoneId '" + r.pathParam("phoneId") + "' must be a numeric phone id.");
        }
        if (!state.known(phoneId)) {
            throw ListrakError.notFound("NOT_FOUND", "Phone " + phoneId + " is not known.");
        }
        String size = r.queryParam("batchSize", "100");
        int batchSize;
        try {
            batchSize = Integer.parseInt(size.trim());
        } catch (NumberFormatException e) {
            batchSize = -1;
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw ListrakError.invalidParameter("batchSize '" + size + "' must be a whole number from 1 to 1000.");
        }
        Instant earliest = ListrakDates.parse("earliestDateTime", r.queryParam("earliestDateTime"), false);
        return SandboxResponse.json(200, Map.of("phoneId", phoneId,
                "data", state.stream(phoneId, earliest, batchSize).stream().map(TwoWayState.Message::json).toList()));
    }

    private long phoneId(JsonNode body) {
        JsonNode node = body.get("phoneId");
        if (node == null || !node.canConvertToLong()) {
            throw ListrakError.invalidParameter("phoneId is required and must be an integer, got " + node + ".");
        }
        long phoneId = node.asLong();
        if (!state.known(phoneId)) {
            throw ListrakError.notFound("NOT_FOUND", "Phone " + phoneId + " is not known.");
        }
        return phoneId;
    }
}
