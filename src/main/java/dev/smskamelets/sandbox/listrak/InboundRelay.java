package dev.smskamelets.sandbox.listrak;

import java.util.Map;

/**
 * Hands an inbound message that is not an opt-out keyword from the Listrak SMS side to Two-Way SMS, which
 * records it and fires its MO webhook (an invalid MO, or an MO for an open ticket).
 */
@FunctionalInterface
public interface InboundRelay {
    Map<String, Object> inbound(String phone, String text, String senderCode);
}
