package dev.smskamelets.sandbox.textable;

/**
 * Textable operation paths, relative to an instance's base URL ({@code https://{instance}.textable.app}), in one
 * place so that the sandbox and the kamelets use the same ones.
 *
 * <p>Only {@link #SEND}, {@link #CONTACTS} (for POST) and {@link #ORGANIZATIONS_V2} are backed by public evidence
 * (see {@code openapi/textable.yaml}, {@code x-path-evidence}). Every other constant is an <b>unverified default</b>:
 * the most plausible path for an operation documented without its path ({@code openapi/textable-operations.md});
 * the kamelets expose the same default as a property, so a user confirms it against the instance's downloadable
 * spec ({@code /docs/html} → "Download OpenAPI specification") and overrides it when it differs.
 */
public final class TextablePaths {

    /** Verified: {@code POST} send, schedule or store an SMS/MMS, or store a note ({@code type: note}). */
    public static final String SEND = "/api/send";
    /** Verified for {@code POST} (create a contact). {@code GET} (list, {@code ?phoneNumber=} lookup): unverified default. */
    public static final String CONTACTS = "/api/contacts";
    /** Verified: {@code GET} organizations (admins). */
    public static final String ORGANIZATIONS_V2 = "/api/v2/organizations";

    /** Unverified default; kamelets expose the same default as a property. {@code GET} a contact by id. */
    public static final String CONTACT_BY_ID = "/api/contacts/{id}";
    /** Unverified default; kamelets expose the same default as a property. {@code PUT} update ({@code optedOut}, {@code isArchived}, fields), {@code DELETE}. */
    public static final String CONTACT_V2_BY_ID = "/api/v2/contacts/{id}";
    /** Unverified default; kamelets expose the same default as a property. {@code POST {dripCampaignId}}. */
    public static final String APPLY_DRIP = "/api/contacts/{id}/drip";
    /** Unverified default; kamelets expose the same default as a property. {@code GET} the user's drip campaigns. */
    public static final String DRIP_CAMPAIGNS = "/api/drips";
    /** Unverified default; kamelets expose the same default as a property. {@code POST [{action, sender, user}]} (API Beta). */
    public static final String BLOCK = "/api/beta/contacts/block";
    /** Unverified default; kamelets expose the same default as a property. {@code POST {contacts: [...]}} (API Beta). */
    public static final String BATCH_UPLOAD = "/api/beta/contacts/batch";
    /** Unverified default; kamelets expose the same default as a property. {@code GET} users (admin), {@code POST} create. */
    public static final String USERS = "/api/users";
    /** Unverified default; kamelets expose the same default as a property. {@code PUT} edit a user (incl. {@code relayWebhook}). */
    public static final String USER_BY_ID = "/api/users/{id}";
    /** Unverified default; kamelets expose the same default as a property. {@code GET} a user ({@code User} schema). */
    public static final String USER_V2_BY_ID = "/api/v2/users/{id}";
    /** Unverified default; kamelets expose the same default as a property. {@code PUT {url}}: the caller's relay webhook. */
    public static final String USER_WEBHOOK = "/api/users/webhook";
    /** Unverified default; kamelets expose the same default as a property. {@code POST}: a new API token for the caller. */
    public static final String USER_TOKEN = "/api/users/token";

    private TextablePaths() {
    }
}
