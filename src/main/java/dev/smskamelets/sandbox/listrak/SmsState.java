package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.SandboxConfig;
import dev.smskamelets.sandbox.SandboxRequest;
import java.util.function.Supplier;

/**
 * Everything the Listrak SMS sandbox knows, shared by its operations and control endpoints, plus the few
 * helpers they share (path parameters, opting out, ledger entries).
 */
final class SmsState {

    static final String API = ListrakIntegration.SMS;

    final SmsSeed seed;
    final SmsCatalog catalog = new SmsCatalog();
    final SmsContacts contacts;
    final SmsOptOuts optOuts;
    final SmsMessages messages = new SmsMessages();
    final SmsImports imports;
    final Ledger ledger;
    final Supplier<String> baseUrl;

    SmsState(SandboxConfig config, Ledger ledger, Supplier<String> baseUrl) {
        this.seed = new SmsSeed(config);
        this.contacts = new SmsContacts(seed);
        this.optOuts = new SmsOptOuts(seed);
        this.ledger = ledger;
        this.baseUrl = baseUrl;
        this.imports = new SmsImports(this, config.longOption("listrak.import.stepMillis", 1000),
                config.longOption("listrak.import.maxFileBytes", 195_000_000L));
    }

    /** The enabled sender code of the route ({@code senderCodeId}, or the quirky {@code SenderCodeId}). */
    int senderCode(SandboxRequest request) {
        String raw = request.pathParam("senderCodeId");
        if (raw == null) {
            raw = request.pathParam("SenderCodeId");
        }
        return catalog.activeSenderCode(intParam("senderCodeId", raw)).id();
    }

    static int intParam(String name, String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (RuntimeException e) {
            throw ListrakError.invalidParameter(name + " '" + raw + "' must be an integer.");
        }
    }

    /** Opts a contact out of its sender code (never back in); false when it already was opted out. */
    boolean optOut(SmsContact contact, String reason, String operationId, String requestId) {
        if (contact.optedOut) {
            return false;
        }
        SmsContact stored = contacts.forUpdate(contact.senderCodeId, contact.phone);
        stored.optedOut = true;
        stored.optOutReason = reason;
        stored.optOutDate = optOuts.record(stored.senderCodeId, stored.phone, reason);
        contact.optedOut = true;
        contact.optOutDate = stored.optOutDate;
        contact.optOutReason = reason;
        record(operationId, stored, "opted-out (" + reason + ")", requestId);
        return true;
    }

    void record(String operationId, SmsContact contact, String change, String requestId) {
        ledger.record(API, operationId, "contact", contact.senderCodeId + ":" + contact.phone, change, requestId);
    }

    /** Cross Channel identifier lookups: is this e-mail, phone or mobile contact UID a known contact? */
    boolean knownEmail(String email) {
        return seed.indexOfEmail(email) >= 0 || contacts.anyStored(c -> email.equalsIgnoreCase(c.email));
    }

    boolean knownPhone(String phone) {
        return contacts.find(SmsCatalog.SENDER_MAIN, phone) != null || contacts.anyStored(c -> c.phone.equals(phone));
    }

    boolean knownMobileContactUid(String uid) {
        return seed.indexOfMobileContactUid(uid) >= 0;
    }
}
