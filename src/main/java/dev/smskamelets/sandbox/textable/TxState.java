package dev.smskamelets.sandbox.textable;

import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.SandboxRequest;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** The Textable instance the sandbox simulates: one organization, its users, their contacts, messages and drips. */
final class TxState {

    static final String API = "textable";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    final String organizationId;
    final String organizationName = "Sandbox Dental Group";
    final Map<String, TxUser> users = new LinkedHashMap<>();
    final Map<String, TxContact> contacts = new LinkedHashMap<>();
    /** The contacts by owner and phone number, so a lookup does not scan every contact (imports of 10^5 numbers). */
    private final Map<String, TxContact> contactsByPhone = new HashMap<>();
    final List<TxMessage> messages = new ArrayList<>();
    final Map<String, Map<String, Object>> drips = new LinkedHashMap<>();
    private final Random random;
    private final Ledger ledger;

    TxState(long seed, Ledger ledger) {
        this.random = new Random(seed ^ 0x7AB1EL);
        this.ledger = ledger;
        this.organizationId = id();
    }

    /** A Firestore-style 20-character document id, deterministic for a seed and call order. */
    String id() {
        return token(20);
    }

    String token(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /**
     * The user a bearer credential belongs to: a user API token, or the older {@code accountUid:accessToken} form.
     * Comparisons are constant-time.
     */
    Optional<TxUser> userByCredential(String credential) {
        int colon = credential.indexOf(':');
        for (TxUser user : users.values()) {
            boolean match = colon > 0
                    ? same(credential.substring(0, colon), user.id) & same(credential.substring(colon + 1), user.accessToken)
                    : user.tokens.stream().anyMatch(t -> same(t, credential));
            if (match && !user.disabled) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    Optional<TxUser> userByPhone(String phone) {
        return users.values().stream().filter(u -> phone.equals(u.phone)).findFirst();
    }

    Optional<TxContact> contactByPhone(String userId, String phone) {
        return Optional.ofNullable(contactsByPhone.get(phoneKey(userId, phone)));
    }

    TxContact newContact(String ownerId, String phone, long created) {
        TxContact contact = new TxContact(id(), ownerId, phone, created);
        contacts.put(contact.id, contact);
        contactsByPhone.put(phoneKey(ownerId, phone), contact);
        return contact;
    }

    void removeContact(TxContact contact) {
        contacts.remove(contact.id);
        contactsByPhone.remove(phoneKey(contact.ownerId, contact.phoneNumber), contact);
    }

    void changePhone(TxContact contact, String phone) {
        contactsByPhone.remove(phoneKey(contact.ownerId, contact.phoneNumber), contact);
        contact.phoneNumber = phone;
        contactsByPhone.put(phoneKey(contact.ownerId, phone), contact);
    }

    private static String phoneKey(String ownerId, String phone) {
        return ownerId + "\n" + phone;
    }

    void record(SandboxRequest request, String entity, String key, String change) {
        String cause = request == null ? null
                : request.header("x-request-id") != null ? request.header("x-request-id") : request.method() + " " + request.path();
        ledger.record(API, request == null ? "sandbox" : request.operationId(), entity, key, change, cause);
    }

    private static boolean same(String a, String b) {
        return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
