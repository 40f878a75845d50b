package dev.smskamelets.textrequest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.component.RecordFeed;
import dev.smskamelets.component.VendorEndpoint;
import dev.smskamelets.component.VendorOperation;
import dev.smskamelets.core.http.VendorRequest;
import dev.smskamelets.core.idempotent.KeyedRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.camel.Category;
import org.apache.camel.Exchange;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * Text Request API v3: contacts, conversations, messages, dashboards, tags, groups, keywords, custom fields and web
 * hooks. A producer calls one operation of a resource, a polling consumer reads contacts, conversations or messages.
 *
 * <p>{@code textrequest:<resource>?operation=<name>} for a producer, {@code textrequest:<resource>} for a polling
 * consumer. Authentication is the account's {@code x-api-key}; pacing, retries (429/5xx honouring
 * Retry-After) and errors ({@code VendorApiException} naming the document's operationId) come from the endpoint's
 * client. Every input is checked before any request: a bad operation, phone number, id or body fails the exchange with
 * an IllegalArgumentException naming the field and the value. A 204 answer is not an error: header
 * {@code textRequestFound} is then false and the body empty.
 *
 * <p>Producer operations ({@code operation} takes the name or the operationId; the resource its plural or singular):
 * <table>
 * <caption>Operations by resource</caption>
 * <tr><th>Resource</th><th>operation</th><th>operationId</th><th>Request</th><th>Input</th></tr>
 * <tr><td>contacts</td><td>get</td><td>Contacts_getByPhoneNumber</td>
 *     <td>GET /dashboards/{dashboardId}/contacts/{phone}</td><td>header phone (or option phone)</td></tr>
 * <tr><td>contacts</td><td>create-or-update</td><td>Contacts_createOrUpdateByPhoneNumber</td>
 *     <td>POST /dashboards/{dashboardId}/contacts/{phone}</td><td>header phone, JSON object</td></tr>
 * <tr><td>contacts</td><td>patch</td><td>Contacts_updateContactDetails</td>
 *     <td>PATCH /dashboards/{dashboardId}/contacts/{phone}</td><td>header phone, JSON object</td></tr>
 * <tr><td>contacts</td><td>delete</td><td>Contacts_deleteByPhoneNumber</td>
 *     <td>DELETE /dashboards/{dashboardId}/contacts/{phone}</td><td>header phone</td></tr>
 * <tr><td>contacts</td><td>bulk-update</td><td>Contacts_bulkUpdate</td>
 *     <td>POST /dashboards/{dashboardId}/contacts</td><td>JSON array of contacts with phone_number</td></tr>
 * <tr><td>conversations</td><td>archive / unarchive</td>
 *     <td>Conversations_archiveConversation / Conversations_unarchiveConversation</td>
 *     <td>PUT /dashboards/{dashboardId}/contacts/{phone}/conversations/archive (unarchive)</td><td>header phone</td></tr>
 * <tr><td>conversations</td><td>redact / unredact</td><td>Messages_redactMessage / Messages_unredactMessage</td>
 *     <td>PUT /messages/{id}/redact (unredact)</td><td>header id (the message id)</td></tr>
 * <tr><td>conversations</td><td>messages</td><td>Conversations_getConversationMessagesByContactPhone</td>
 *     <td>GET /dashboards/{dashboardId}/contacts/{phone}/messages</td><td>header phone, page, pageSize</td></tr>
 * <tr><td>messages</td><td>send</td><td>Conversations_sendMessageToContact</td>
 *     <td>POST /dashboards/{dashboardId}/contacts/{phone}/messages</td>
 *     <td>header phone, JSON message (body ≤ 1600, sender_name ≤ 41, callbacks); option statusCallbackUrl</td></tr>
 * <tr><td>dashboards</td><td>list / get / create / update / delete</td><td>Dashboard_listAllDashboards /
 *     Dashboard_getInfo / Dashboard_createNewDashboard / Dashboard_updateName / Dashboard_deleteDashboardById</td>
 *     <td>/dashboards[/{id}]</td><td>header id (default option dashboardId), page, pageSize, JSON object</td></tr>
 * <tr><td>tags</td><td>list / get / create / update / delete</td><td>Tags_getAllDashboardTags / Tags_getTagById /
 *     Tags_createNewTag / Tags_updateTagById / Tags_deleteTagById</td><td>/dashboards/{dashboardId}/tags[/{id}]</td>
 *     <td>header id, page, pageSize, JSON object</td></tr>
 * <tr><td>groups</td><td>list / get / create / update / delete</td><td>Groups_getAll / Groups_getById /
 *     Groups_createNewGroup / Groups_updateGroupName / Groups_deleteGroupById</td>
 *     <td>/dashboards/{dashboardId}/groups[/{id}]</td><td>header id, page, pageSize, JSON object</td></tr>
 * <tr><td>keywords</td><td>list / get / create / update / delete</td><td>Keywords_getAll / Keywords_getById /
 *     Keywords_createNewKeyword / Keywords_updateKeywordById / Keywords_deleteKeywordById</td>
 *     <td>/dashboards/{dashboardId}/keywords[/{id}]</td><td>header id, page, pageSize, JSON object</td></tr>
 * <tr><td>custom-fields</td><td>list / get / create / update / delete</td><td>CustomFields_getAllFields /
 *     CustomFields_getFieldById / CustomFields_createNewField / CustomFields_updateFieldName /
 *     CustomFields_deleteFieldById</td><td>/dashboards/{dashboardId}/fields[/{id}]</td>
 *     <td>header id, JSON object</td></tr>
 * <tr><td>hooks</td><td>list / register / delete / event-types</td><td>Webhooks_getAllForDashboard /
 *     Webhooks_registerNewWebhook / Webhooks_deleteWebhookFromPhoneNumber / Webhooks_getAllTypes</td>
 *     <td>/dashboards/{dashboardId}/hooks[/{id}], /eventTypes</td>
 *     <td>header id, page, pageSize; JSON {target_url, event, http_verb, name} (name default: option hookName,
 *     else "sms-kamelets &lt;event&gt;")</td></tr>
 * <tr><td>hooks</td><td>ensure</td><td>(list every page, then delete + register as needed)</td>
 *     <td>/dashboards/{dashboardId}/hooks</td><td>as register; answers {action: ok|registered|re-registered, hook}
 *     and header textRequestHookAction</td></tr>
 * </table>
 *
 * <p>Consumers (one exchange per record, its JSON text as body, or a page as a list with {@code batch=true}; 0-based
 * pages of {@code pageSize} until {@code meta.total_items}, an empty or short page or a 204):
 * {@code contacts} ({@code Contacts_getMatches}, filtered by the contact options, incremental with
 * {@code incrementalBy}), {@code conversations} ({@code Conversations_getAllDashboardMessages}: includeArchived,
 * showUnresolvedOnly, tags, search) and {@code messages} ({@code Conversations_getDashboardMessages}:
 * messageStartDate, messageEndDate). With {@code pageRepository} a pass cut short resumes at its page.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "textrequest", title = "Text Request", syntax = "textrequest:resource",
             category = { Category.SAAS, Category.MOBILE }, headersClass = TextRequestHeaders.class)
public class TextRequestEndpoint extends VendorEndpoint {

    private static final Set<String> CONTACT_FILTERS = Set.of("hasOptedOut", "isSuppressed", "isBlocked", "isArchived",
            "isResolved", "hasMessageHistory", "createdAfter", "createdBefore", "lastMessageAfter", "lastMessageBefore",
            "phonePrefix", "tags", "groups");
    private static final Set<String> CONVERSATION_FILTERS = Set.of("includeArchived", "showUnresolvedOnly", "tags",
            "search");
    private static final Set<String> MESSAGE_FILTERS = Set.of("messageStartDate", "messageEndDate");

    @UriParam
    private TextRequestConfiguration configuration;
    @UriParam(description = "Numeric ID of the Text Request dashboard (phone line): required by every resource but "
            + "dashboards, where it is the id of get, update and delete when the message has no id header.")
    private String dashboardId;
    @UriParam(label = "producer", description = "Phone number of the contact operations when the message has no phone "
            + "header (10 or 11 US digits, punctuation allowed).")
    private String phone;
    @UriParam(label = "producer", description = "Name of a hook registered (register, ensure) without one; default "
            + "sms-kamelets <event>.")
    private String hookName;
    @UriParam(label = "producer", description = "Status callback URL added to every message sent without a "
            + "status_callback (point it at a textrequest-webhook-source).")
    private String statusCallbackUrl;

    @UriParam(label = "consumer", enums = "none,created,last-message", defaultValue = "none", description = "contacts: "
            + "none reads every matching contact each poll; created or last-message reads the contacts created (last "
            + "messaged) after the watermark minus the lookback, emits each contact once per such date and moves the "
            + "watermark to the latest date seen once a poll read the list to its end.")
    private String incrementalBy = "none";
    @UriParam(label = "consumer", description = "Name of a StateRepository bean keeping the page a poll cut short "
            + "(maxPages, a failure) resumes at; empty for none (every poll starts at page 0).")
    private String pageRepository;
    @UriParam(label = "consumer,filter", description = "contacts: only those that texted STOP (true) or not (false); "
            + "empty for either.")
    private String hasOptedOut;
    @UriParam(label = "consumer,filter", description = "contacts: only suppressed ones (true) or not (false); empty "
            + "for either.")
    private String isSuppressed;
    @UriParam(label = "consumer,filter", description = "contacts: only blocked ones (true) or not (false); empty for "
            + "either.")
    private String isBlocked;
    @UriParam(label = "consumer,filter", description = "contacts: only those with an archived conversation (true) or "
            + "not (false); empty for either.")
    private String isArchived;
    @UriParam(label = "consumer,filter", description = "contacts: only those whose conversation is resolved (true) or "
            + "not (false); empty for either.")
    private String isResolved;
    @UriParam(label = "consumer,filter", description = "contacts: only those with messages (true) or without (false); "
            + "empty for either.")
    private String hasMessageHistory;
    @UriParam(label = "consumer,filter", description = "contacts: only those created after this ISO-8601 instant "
            + "(strict); empty for no bound.")
    private String createdAfter;
    @UriParam(label = "consumer,filter", description = "contacts: only those created before this ISO-8601 instant "
            + "(strict); empty for no bound.")
    private String createdBefore;
    @UriParam(label = "consumer,filter", description = "contacts: only those whose last message is after this ISO-8601 "
            + "instant (strict); empty for no bound.")
    private String lastMessageAfter;
    @UriParam(label = "consumer,filter", description = "contacts: only those whose last message is before this ISO-8601 "
            + "instant (strict); empty for no bound.")
    private String lastMessageBefore;
    @UriParam(label = "consumer,filter", description = "contacts: only those whose 10- or 11-digit number starts with "
            + "these digits; empty for all.")
    private String phonePrefix;
    @UriParam(label = "consumer,filter", description = "contacts and conversations: only those with any of these tag "
            + "ids (comma-separated); empty for all.")
    private String tags;
    @UriParam(label = "consumer,filter", description = "contacts: only those in any of these group ids "
            + "(comma-separated); empty for all.")
    private String groups;
    @UriParam(label = "consumer,filter", description = "conversations: true to include archived ones; false or empty "
            + "to leave them out.")
    private String includeArchived;
    @UriParam(label = "consumer,filter", description = "conversations: true for unresolved ones only; false or empty "
            + "for all.")
    private String showUnresolvedOnly;
    @UriParam(label = "consumer,filter", description = "conversations: only those whose contact matches this text or "
            + "phone digits; empty for all.")
    private String search;
    @UriParam(label = "consumer,filter", description = "messages: only messages from this ISO-8601 instant (the "
            + "start_date query parameter); empty for no bound.")
    private String messageStartDate;
    @UriParam(label = "consumer,filter", description = "messages: only messages up to this ISO-8601 instant (the "
            + "end_date query parameter); empty for no bound.")
    private String messageEndDate;

    public TextRequestEndpoint(String uri, TextRequestComponent component, TextRequestConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public String vendor() {
        return "textrequest";
    }

    @Override
    public TextRequestConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(TextRequestConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * The operation; an unknown one fails each exchange (before any request) with an IllegalArgumentException naming
     * the value and the resource's operations.
     */
    @Override
    protected VendorOperation operation(String resource, String operation) {
        String name = TextRequestEndpoints.resource(resource);
        String op = operation == null ? null : operation.strip();
        if ("hook".equals(name) && "ensure".equals(op)) {
            return (exchange, client) -> {
                TextRequestHookCheck check = new TextRequestHookCheck();
                check.setDashboardId(dashboardId);
                check.setHookName(hookName);
                check.ensure(exchange, client);
            };
        }
        TextRequestOperation request = new TextRequestOperation();
        request.setResource(name);
        request.setOperation(op);
        request.setDashboardId(dashboardId);
        request.setPhone(phone);
        request.setHookName(hookName);
        request.setStatusCallbackUrl(statusCallbackUrl);
        return (exchange, client) -> {
            request.process(exchange);
            String operationId = TextRequestEndpoints.of(name, op).operationId();
            client.process(exchange);
            if (!"Conversations_sendMessageToContact".equals(operationId)) {
                boolean found = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class) != 204;
                exchange.getMessage().setHeader(TextRequestHeaders.FOUND, found);
                if ("Contacts_getByPhoneNumber".equals(operationId)) {
                    exchange.getMessage().setHeader(TextRequestHeaders.CONTACT_FOUND, found);
                }
            }
        };
    }

    @Override
    protected RecordFeed feed(String resource) {
        String name = TextRequestEndpoints.resource(resource);
        return switch (name == null ? "" : name) {
            case "contact" -> contacts();
            case "conversation" -> new ListFeed("Conversations_getAllDashboardMessages", "conversations",
                    "textrequest-conversation", filter("conversations", CONVERSATION_FILTERS));
            case "message" -> new ListFeed("Conversations_getDashboardMessages", "messages", "textrequest-message",
                    filter("messages", MESSAGE_FILTERS));
            default -> throw new IllegalArgumentException("textrequest resource '" + resource
                    + "' cannot be read by a consumer: use contacts, conversations or messages");
        };
    }

    private RecordFeed contacts() {
        TextRequestListFilter filter = filter("contacts", CONTACT_FILTERS);
        if ("none".equals(incrementalBy)) {
            return new ListFeed("Contacts_getMatches", "contacts", "textrequest-contacts", filter) {
                @Override
                public String source() {
                    return "textrequest-contact-" + dashboard();
                }
            };
        }
        boolean created = "created".equals(incrementalBy);
        String bound = created ? createdAfter : lastMessageAfter;
        if (bound != null && !bound.isBlank()) {
            // the watermark sends this very parameter: the request would carry it twice, one value winning unseen
            throw new IllegalArgumentException((created ? "createdAfter" : "lastMessageAfter") + " '" + bound
                    + "' cannot be combined with incrementalBy=" + incrementalBy + ", whose watermark sets the same "
                    + "parameter: set startDate for where the first pass starts");
        }
        String dateField = created ? "date_created_utc" : "last_contact_date_utc";
        String after = created ? "contact_created_after" : "last_message_timestamp_after_utc";
        return new ListFeed("Contacts_getMatches", "contacts", "textrequest-contacts", filter) {
            @Override
            public Progress progress() {
                return Progress.WATERMARK;
            }

            @Override
            public boolean timeOrdered() {
                return false; // listed by creation, not by last message: only a whole pass moves the watermark
            }

            @Override
            public String source() {
                return "textrequest-contact-" + dashboard() + "-" + incrementalBy;
            }

            @Override
            public String keyPrefix() {
                return "textrequest-contact:textrequest-contact-" + dashboard() + ":";
            }

            @Override
            public VendorRequest request(Instant readFrom) {
                String query = filter.queryString();
                return VendorRequest.get(path(), (query == null ? "" : query + "&") + after + "=" + readFrom);
            }

            @Override
            public KeyedRecord record(JsonNode raw) {
                String date = raw.path(dateField).asText("");
                return new KeyedRecord(raw.path("phone_number").asText("") + ":" + date, instant(dateField, date),
                        raw.toString(), null);
            }
        };
    }

    /** A page-number list of the dashboard, every record as its JSON text; no watermark, no record keys. */
    private class ListFeed implements RecordFeed {

        private final String operation;
        private final String segment;
        private final String job;
        final TextRequestListFilter filter;

        ListFeed(String operation, String segment, String job, TextRequestListFilter filter) {
            this.operation = operation;
            this.segment = segment;
            this.job = job;
            this.filter = filter;
            dashboard(); // required, checked when the route starts
        }

        @Override
        public String operation() {
            return operation;
        }

        @Override
        public String paging() {
            return "page-number";
        }

        @Override
        public Progress progress() {
            return Progress.NONE;
        }

        @Override
        public String pageRepository() {
            return pageRepository == null || pageRepository.isBlank() ? null : pageRepository.strip();
        }

        String path() {
            return "/dashboards/" + dashboard() + "/" + segment;
        }

        @Override
        public VendorRequest request(Instant readFrom) {
            return VendorRequest.get(path(), filter.queryString());
        }

        @Override
        public KeyedRecord record(JsonNode raw) {
            return new KeyedRecord(key(raw), null, raw.toString(), null);
        }

        @Override
        public String job() {
            return job;
        }

        @Override
        public String source() {
            return dashboard();
        }

        @Override
        public String keyPrefix() {
            return job + ":" + dashboard() + ":";
        }
    }

    /** The filter of {@code resource}: its own options set, any other filter option set is an error naming it. */
    private TextRequestListFilter filter(String resource, Set<String> allowed) {
        Map<String, String> values = filterValues();
        TextRequestListFilter filter = new TextRequestListFilter();
        for (Map.Entry<String, String> option : values.entrySet()) {
            String value = option.getValue();
            if (value == null || value.isBlank()) {
                continue;
            }
            if (!allowed.contains(option.getKey())) {
                throw new IllegalArgumentException("textrequest:" + resource + " has no filter '" + option.getKey()
                        + "' (got '" + value + "'): its filters are " + new java.util.TreeSet<>(allowed));
            }
            FILTERS.get(option.getKey()).accept(filter, value);
        }
        return filter;
    }

    private static final Map<String, BiConsumer<TextRequestListFilter, String>> FILTERS = new LinkedHashMap<>();

    static {
        FILTERS.put("hasOptedOut", TextRequestListFilter::setHasOptedOut);
        FILTERS.put("isSuppressed", TextRequestListFilter::setIsSuppressed);
        FILTERS.put("isBlocked", TextRequestListFilter::setIsBlocked);
        FILTERS.put("isArchived", TextRequestListFilter::setIsArchived);
        FILTERS.put("isResolved", TextRequestListFilter::setIsResolved);
        FILTERS.put("hasMessageHistory", TextRequestListFilter::setHasMessageHistory);
        FILTERS.put("createdAfter", TextRequestListFilter::setCreatedAfter);
        FILTERS.put("createdBefore", TextRequestListFilter::setCreatedBefore);
        FILTERS.put("lastMessageAfter", TextRequestListFilter::setLastMessageAfter);
        FILTERS.put("lastMessageBefore", TextRequestListFilter::setLastMessageBefore);
        FILTERS.put("phonePrefix", TextRequestListFilter::setPhonePrefix);
        FILTERS.put("tags", TextRequestListFilter::setTags);
        FILTERS.put("groups", TextRequestListFilter::setGroups);
        FILTERS.put("includeArchived", TextRequestListFilter::setIncludeArchived);
        FILTERS.put("showUnresolvedOnly", TextRequestListFilter::setShowUnresolvedOnly);
        FILTERS.put("search", TextRequestListFilter::setSearch);
        FILTERS.put("messageStartDate", TextRequestListFilter::setStartDate);
        FILTERS.put("messageEndDate", TextRequestListFilter::setEndDate);
    }

    private Map<String, String> filterValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("hasOptedOut", hasOptedOut);
        values.put("isSuppressed", isSuppressed);
        values.put("isBlocked", isBlocked);
        values.put("isArchived", isArchived);
        values.put("isResolved", isResolved);
        values.put("hasMessageHistory", hasMessageHistory);
        values.put("createdAfter", createdAfter);
        values.put("createdBefore", createdBefore);
        values.put("lastMessageAfter", lastMessageAfter);
        values.put("lastMessageBefore", lastMessageBefore);
        values.put("phonePrefix", phonePrefix);
        values.put("tags", tags);
        values.put("groups", groups);
        values.put("includeArchived", includeArchived);
        values.put("showUnresolvedOnly", showUnresolvedOnly);
        values.put("search", search);
        values.put("messageStartDate", messageStartDate);
        values.put("messageEndDate", messageEndDate);
        return values;
    }

    /** Checks a filter option's value when it is set (so a bad one fails when the route starts, naming it). */
    private static String checked(String option, String value) {
        if (value != null && !value.isBlank()) {
            FILTERS.get(option).accept(new TextRequestListFilter(), value);
        }
        return value;
    }

    private String dashboard() {
        if (dashboardId == null || !dashboardId.strip().matches("\\d{1,9}")) {
            throw new IllegalArgumentException("Text Request field 'dashboardId' must be a whole number, got '"
                    + dashboardId + "'");
        }
        return dashboardId.strip();
    }

    /** A record's key when it has no date: its id, else its phone number, else its text. */
    private static String key(JsonNode raw) {
        for (String field : new String[] { "id", "message_id", "phone_number" }) {
            JsonNode value = raw.get(field);
            if (value != null && value.isValueNode() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return Integer.toHexString(raw.toString().hashCode());
    }

    /** An ISO-8601 date-time of the vendor (with Z, an offset, or none = UTC); null when empty. */
    static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new IllegalArgumentException("Text Request field '" + field
                            + "' is not an ISO-8601 date-time, got '" + text + "'");
                }
            }
        }
    }

    public String getDashboardId() {
        return dashboardId;
    }

    public void setDashboardId(String dashboardId) {
        this.dashboardId = dashboardId;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getHookName() {
        return hookName;
    }

    public void setHookName(String hookName) {
        this.hookName = hookName;
    }

    public String getStatusCallbackUrl() {
        return statusCallbackUrl;
    }

    public void setStatusCallbackUrl(String statusCallbackUrl) {
        this.statusCallbackUrl = statusCallbackUrl;
    }

    public String getIncrementalBy() {
        return incrementalBy;
    }

    public void setIncrementalBy(String incrementalBy) {
        String v = incrementalBy == null ? "" : incrementalBy.strip().toLowerCase(Locale.ROOT);
        if (!v.equals("none") && !v.equals("created") && !v.equals("last-message")) {
            throw new IllegalArgumentException("incrementalBy must be none, created or last-message, got '"
                    + incrementalBy + "'");
        }
        this.incrementalBy = v;
    }

    public String getPageRepository() {
        return pageRepository;
    }

    public void setPageRepository(String pageRepository) {
        this.pageRepository = pageRepository;
    }

    public String getHasOptedOut() {
        return hasOptedOut;
    }

    public void setHasOptedOut(String hasOptedOut) {
        this.hasOptedOut = checked("hasOptedOut", hasOptedOut);
    }

    public String getIsSuppressed() {
        return isSuppressed;
    }

    public void setIsSuppressed(String isSuppressed) {
        this.isSuppressed = checked("isSuppressed", isSuppressed);
    }

    public String getIsBlocked() {
        return isBlocked;
    }

    public void setIsBlocked(String isBlocked) {
        this.isBlocked = checked("isBlocked", isBlocked);
    }

    public String getIsArchived() {
        return isArchived;
    }

    public void setIsArchived(String isArchived) {
        this.isArchived = checked("isArchived", isArchived);
    }

    public String getIsResolved() {
        return isResolved;
    }

    public void setIsResolved(String isResolved) {
        this.isResolved = checked("isResolved", isResolved);
    }

    public String getHasMessageHistory() {
        return hasMessageHistory;
    }

    public void setHasMessageHistory(String hasMessageHistory) {
        this.hasMessageHistory = checked("hasMessageHistory", hasMessageHistory);
    }

    public String getCreatedAfter() {
        return createdAfter;
    }

    public void setCreatedAfter(String createdAfter) {
        this.createdAfter = checked("createdAfter", createdAfter);
    }

    public String getCreatedBefore() {
        return createdBefore;
    }

    public void setCreatedBefore(String createdBefore) {
        this.createdBefore = checked("createdBefore", createdBefore);
    }

    public String getLastMessageAfter() {
        return lastMessageAfter;
    }

    public void setLastMessageAfter(String lastMessageAfter) {
        this.lastMessageAfter = checked("lastMessageAfter", lastMessageAfter);
    }

    public String getLastMessageBefore() {
        return lastMessageBefore;
    }

    public void setLastMessageBefore(String lastMessageBefore) {
        this.lastMessageBefore = checked("lastMessageBefore", lastMessageBefore);
    }

    public String getPhonePrefix() {
        return phonePrefix;
    }

    public void setPhonePrefix(String phonePrefix) {
        this.phonePrefix = checked("phonePrefix", phonePrefix);
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = checked("tags", tags);
    }

    public String getGroups() {
        return groups;
    }

    public void setGroups(String groups) {
        this.groups = checked("groups", groups);
    }

    public String getIncludeArchived() {
        return includeArchived;
    }

    public void setIncludeArchived(String includeArchived) {
        this.includeArchived = checked("includeArchived", includeArchived);
    }

    public String getShowUnresolvedOnly() {
        return showUnresolvedOnly;
    }

    public void setShowUnresolvedOnly(String showUnresolvedOnly) {
        this.showUnresolvedOnly = checked("showUnresolvedOnly", showUnresolvedOnly);
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getMessageStartDate() {
        return messageStartDate;
    }

    public void setMessageStartDate(String messageStartDate) {
        this.messageStartDate = checked("messageStartDate", messageStartDate);
    }

    public String getMessageEndDate() {
        return messageEndDate;
    }

    public void setMessageEndDate(String messageEndDate) {
        this.messageEndDate = checked("messageEndDate", messageEndDate);
    }
}
