package dev.smskamelets.listrak.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.smskamelets.component.VendorOperation;
import dev.smskamelets.core.http.VendorClient;
import dev.smskamelets.core.http.VendorRequest;
import dev.smskamelets.core.http.VendorResponse;
import dev.smskamelets.core.http.paging.Page;
import dev.smskamelets.core.http.paging.PageGuard;
import dev.smskamelets.core.http.paging.PagingStyle;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The producer operations of the {@code listrak-sms} component, by resource (see {@link ListrakSmsEndpoint} for the
 * table). Each one checks and normalises the request before anything is sent ({@link ListrakSmsRequest}: an invalid
 * phone or field fails that exchange alone, naming the field and the value), calls the Listrak SMS REST API through
 * the endpoint's client (authentication, pacing, retries, VendorApiException with the ERROR_* code) and shapes the
 * answer. An operation is named by its short name or by the OpenAPI operationId it calls.
 */
final class ListrakSmsOperations {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One operation of a resource: its short name, the OpenAPI operationId it calls, how it is built. */
    record Op(String name, String operationId, Supplier<VendorOperation> build) {
    }

    private final ListrakSmsEndpoint endpoint;

    ListrakSmsOperations(ListrakSmsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The resources with producer operations, each with its operations in documentation order. */
    Map<String, List<Op>> resources() {
        Map<String, List<Op>> resources = new LinkedHashMap<>();
        resources.put("contacts", List.of(
                new Op("create", "Contact_PostContactListResource", this::createContact),
                new Op("update", "Contact_PutContactResource", this::updateContact),
                new Op("optOut", "Contact_PutContactResource", this::optOutContact),
                new Op("get", "Contact_GetContactResource", this::getContact)));
        resources.put("subscriptions", List.of(
                new Op("subscribe", "ContactListSubscription_PostContactListSubscription", this::subscribe),
                new Op("unsubscribe", "ContactListSubscription_DeleteUnsubscribeContactListSubscription",
                        this::unsubscribe),
                new Op("list", "ContactListSubscription_GetContactListCollection", this::subscriptions)));
        resources.put("broadcasts", List.of(
                new Op("send", "BroadcastMessage_PostImmediateBroadcast", this::broadcast)));
        resources.put("messages", List.of(
                new Op("list", "TransactionalMessage_GetTransactionalMessageCollection", this::listMessages),
                new Op("get", "TransactionalMessage_GetTransactionalMessageResource", this::getMessage),
                new Op("send", "TransactionalMessage_PostTransactionalMessageSend", this::sendMessage)));
        resources.put("imports", List.of(
                new Op("import", "Contact_PostImportFileResource", this::importContacts),
                new Op("get", "Contact_GetImportFileResource", this::getImport)));
        resources.put("lookups", List.of(
                new Op("sender-codes", "SenderCode_GetShortCodeCollection", this::senderCodes),
                new Op("sender-code", "SenderCode_GetShortCodeResource", this::senderCode),
                new Op("phone-lists", "PhoneList_GetListCollection", this::phoneLists),
                new Op("phone-list", "PhoneList_GetListResource", this::phoneList),
                new Op("profile-fields", "Segmentation_GetPhoneAttributeCollection", this::profileFields),
                new Op("profile-field", "Segmentation_GetPhoneAttribute", this::profileField)));
        return resources;
    }

    /**
     * The operation {@code name} (short name, or operationId: the first operation calling it) of {@code resource};
     * without a name, the resource's only operation. An unknown resource fails at once; an unknown operation fails each exchange sent to it (naming the
     * operation and the valid ones), so a route naming one still starts, as the kamelets always did.
     */
    VendorOperation find(String resource, String name) {
        Map<String, List<Op>> resources = resources();
        List<Op> ops = resources.get(resource);
        if (ops == null) {
            throw new IllegalArgumentException("listrak-sms has no resource '" + resource + "' for a producer: use "
                    + String.join(", ", resources.keySet()));
        }
        for (Op op : ops) {
            if (op.name().equals(name) || op.operationId().equals(name) || (name == null && ops.size() == 1)) {
                return op.build().get();
            }
        }
        String message = "listrak-sms resource '" + resource + "' has no operation '" + name + "': use "
                + ops.stream().map(op -> op.name() + " (" + op.operationId() + ")").collect(Collectors.joining(", "));
        return (exchange, client) -> {
            throw new IllegalArgumentException(message);
        };
    }

    // ---- contacts --------------------------------------------------------------------------------------------

    private VendorOperation createContact() {
        ListrakSmsRequest rule = rule("contact");
        String path = base() + "/PhoneList/" + require("phoneListId", endpoint.getPhoneListId()) + "/Contact";
        return (exchange, client) -> {
            rule.process(exchange);
            call(exchange, client, "Contact_PostContactListResource", "POST", path, null);
        };
    }

    private VendorOperation updateContact() {
        return put("contact");
    }

    /** {@code optedOut: true} on the contact: Listrak's API can opt a contact out, never back in. */
    private VendorOperation optOutContact() {
        return put("optout");
    }

    private VendorOperation put(String kind) {
        ListrakSmsRequest rule = rule(kind);
        String path = base() + "/Contact";
        return (exchange, client) -> {
            rule.process(exchange);
            call(exchange, client, "Contact_PutContactResource", "PUT", path, null);
        };
    }

    /** The contact and every page of its list subscriptions: {@code {"contact": {...}, "subscriptions": [...]}}. */
    private VendorOperation getContact() {
        ListrakSmsRequest rule = rule("phone");
        String base = base();
        return (exchange, client) -> {
            rule.process(exchange);
            String contactPath = base + "/Contact/" + phone(exchange);
            VendorResponse contact = call(exchange, client, "Contact_GetContactResource", "GET", contactPath, null);
            ArrayNode subscriptions = all(exchange, client, "ContactListSubscription_GetContactListCollection",
                    VendorRequest.get(contactPath + "/PhoneList", null));
            exchange.getIn().setBody(ListrakSmsRequest.contactWithSubscriptions(json(contact), subscriptions).toString());
        };
    }

    // ---- subscriptions ---------------------------------------------------------------------------------------

    private VendorOperation subscribe() {
        ListrakSmsRequest rule = rule("phone");
        String base = base();
        String list = "/PhoneList/" + require("phoneListId", endpoint.getPhoneListId());
        return (exchange, client) -> {
            rule.process(exchange);
            call(exchange, client, "ContactListSubscription_PostContactListSubscription", "POST",
                    base + "/Contact/" + phone(exchange) + list, null);
        };
    }

    private VendorOperation unsubscribe() {
        ListrakSmsRequest rule = rule("phone");
        String base = base();
        String list = "/PhoneList/" + require("phoneListId", endpoint.getPhoneListId());
        return (exchange, client) -> {
            rule.process(exchange);
            call(exchange, client, "ContactListSubscription_DeleteUnsubscribeContactListSubscription", "DELETE",
                    base + "/ContactUnsubscribe/" + phone(exchange) + list, null);
        };
    }

    /** Every list subscription of the contact, all pages, as one JSON array. */
    private VendorOperation subscriptions() {
        ListrakSmsRequest rule = rule("phone");
        String base = base();
        return (exchange, client) -> {
            rule.process(exchange);
            exchange.getIn().setBody(all(exchange, client, "ContactListSubscription_GetContactListCollection",
                    VendorRequest.get(base + "/Contact/" + phone(exchange) + "/PhoneList", null)).toString());
        };
    }

    // ---- broadcasts, transactional messages ------------------------------------------------------------------

    private VendorOperation broadcast() {
        ListrakSmsRequest rule = rule("broadcast");
        Integer list = endpoint.getPhoneListId();
        rule.setPhoneListId(list == null ? null : list.toString());
        String path = base() + "/Broadcast/Immediate";
        return (exchange, client) -> {
            rule.process(exchange);
            call(exchange, client, "BroadcastMessage_PostImmediateBroadcast", "POST", path, null);
        };
    }

    private String messages() {
        return base() + "/PhoneList/" + require("phoneListId", endpoint.getPhoneListId()) + "/TransactionalMessage";
    }

    private VendorOperation listMessages() {
        String path = messages();
        return (exchange, client) -> data(exchange,
                call(exchange, client, "TransactionalMessage_GetTransactionalMessageCollection", "GET", path, null));
    }

    private VendorOperation getMessage() {
        String path = messages();
        return (exchange, client) -> call(exchange, client, "TransactionalMessage_GetTransactionalMessageResource",
                "GET", path + "/" + id(exchange, "transactionalMessageId", endpoint.getTransactionalMessageId()), null);
    }

    /** The one route whose sender code parameter is spelt {@code SenderCodeId} (a string): the URL is the same. */
    private VendorOperation sendMessage() {
        ListrakSmsRequest rule = rule("transactional");
        String path = messages();
        return (exchange, client) -> {
            String id = id(exchange, "transactionalMessageId", endpoint.getTransactionalMessageId());
            rule.process(exchange);
            call(exchange, client, "TransactionalMessage_PostTransactionalMessageSend", "POST",
                    path + "/" + id + "/Message", null);
        };
    }

    // ---- imports ---------------------------------------------------------------------------------------------

    private VendorOperation importContacts() {
        ContactImporter importer = new ContactImporter();
        importer.setSenderCodeId(require("senderCodeId", endpoint.getSenderCodeId()).toString());
        importer.setPhoneColumn(endpoint.getPhoneColumn());
        importer.setFieldColumns(endpoint.getFieldColumns());
        importer.setCsvDelimiter(endpoint.getCsvDelimiter());
        importer.setMaxFileBytes(endpoint.getMaxFileBytes());
        importer.setSplitLargeFiles(endpoint.isSplitLargeFiles());
        importer.setPollIntervalMillis(endpoint.getPollIntervalMillis());
        importer.setPollTimeoutMillis(endpoint.getPollTimeoutMillis());
        importer.setWorkDir(endpoint.getWorkDir());
        importer.setFileNamePrefix(endpoint.getFileNamePrefix());
        importer.setDefaultRegion(endpoint.getDefaultRegion());
        return (exchange, client) -> {
            importer.setClient(client);
            importer.process(exchange);
        };
    }

    private VendorOperation getImport() {
        String path = base() + "/ContactImport/";
        return (exchange, client) -> data(exchange, call(exchange, client, "Contact_GetImportFileResource", "GET",
                path + id(exchange, null, null), null));
    }

    // ---- lookups ---------------------------------------------------------------------------------------------

    private VendorOperation senderCodes() {
        return (exchange, client) -> data(exchange,
                call(exchange, client, "SenderCode_GetShortCodeCollection", "GET", "/v1/ShortCode", null));
    }

    private VendorOperation senderCode() {
        String path = base();
        return (exchange, client) -> data(exchange,
                call(exchange, client, "SenderCode_GetShortCodeResource", "GET", path, null));
    }

    /** Every list of the sender code with the endpoint's {@code listStatus}, all cursor pages, as one JSON array. */
    private VendorOperation phoneLists() {
        VendorRequest list = VendorRequest.get(base() + "/PhoneList",
                "status=" + URLEncoder.encode(endpoint.getListStatus(), StandardCharsets.UTF_8));
        return (exchange, client) -> exchange.getIn()
                .setBody(all(exchange, client, "PhoneList_GetListCollection", list).toString());
    }

    private VendorOperation phoneList() {
        String path = base() + "/PhoneList/";
        return (exchange, client) -> call(exchange, client, "PhoneList_GetListResource", "GET",
                path + id(exchange, "phoneListId", endpoint.getPhoneListId()), null);
    }

    private VendorOperation profileFields() {
        String path = base() + "/SegmentationField";
        return (exchange, client) -> data(exchange,
                call(exchange, client, "Segmentation_GetPhoneAttributeCollection", "GET", path, null));
    }

    private VendorOperation profileField() {
        String path = base() + "/SegmentationField/";
        return (exchange, client) -> data(exchange, call(exchange, client, "Segmentation_GetPhoneAttribute", "GET",
                path + id(exchange, "segmentationFieldId", endpoint.getSegmentationFieldId()), null));
    }

    // ---- the parts every operation shares --------------------------------------------------------------------

    private ListrakSmsRequest rule(String kind) {
        ListrakSmsRequest rule = new ListrakSmsRequest();
        rule.setKind(kind);
        rule.setDefaultRegion(endpoint.getDefaultRegion());
        return rule;
    }

    private String base() {
        return "/v1/ShortCode/" + require("senderCodeId", endpoint.getSenderCodeId());
    }

    private static String phone(Exchange exchange) {
        return exchange.getIn().getHeader(ListrakSmsHeaders.PHONE_NUMBER, String.class);
    }

    /** The id of the record an operation reads: header {@code ListrakId}, else the endpoint option (if it has one). */
    private static String id(Exchange exchange, String option, Integer value) {
        String header = exchange.getIn().getHeader(ListrakSmsHeaders.ID, String.class);
        if (header != null && !header.isBlank()) {
            return URLEncoder.encode(header.trim(), StandardCharsets.UTF_8);
        }
        if (value == null) {
            throw new IllegalArgumentException("listrak-sms needs the header " + ListrakSmsHeaders.ID
                    + (option == null ? "" : " or the option '" + option + "'") + ", got none");
        }
        return value.toString();
    }

    static <T> T require(String option, T value) {
        if (value == null) {
            throw new IllegalArgumentException("listrak-sms needs the option '" + option + "', got none");
        }
        return value;
    }

    /**
     * One call: the body (the JSON text the request rule left, or none) is sent as {@code application/json}; the
     * answer's text becomes the body and its status header {@code CamelHttpResponseCode}. A GET sends no body.
     */
    private static VendorResponse call(Exchange exchange, VendorClient client, String operationId, String method,
                                       String path, String query) {
        Message in = exchange.getIn();
        String text = "GET".equals(method) ? null : in.getBody(String.class);
        byte[] body = text == null || text.isEmpty() ? null : text.getBytes(StandardCharsets.UTF_8);
        VendorResponse response = client.caller(exchange.getContext()).call(operationId,
                new VendorRequest(method, path, query, body == null ? null : "application/json", body), true);
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        in.setBody(response.body());
        return response;
    }

    /** The {@code data} member of a Listrak {@code Resource_*} or {@code Collection_*} answer as the body. */
    private static void data(Exchange exchange, VendorResponse response) {
        exchange.getIn().setBody(ListrakSmsRequest.data(json(response)).toString());
    }

    private static JsonNode json(VendorResponse response) {
        if (response.json() != null) {
            return response.json();
        }
        try {
            return MAPPER.readTree(response.body() == null ? "" : response.body());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Listrak SMS answer is not JSON: " + e.getMessage(), e);
        }
    }

    /** Every page of a (short) cursor-paged list as one JSON array, guarded like any paged read. */
    private static ArrayNode all(Exchange exchange, VendorClient client, String operationId, VendorRequest list) {
        PagingStyle paging = client.pagingStyle();
        PageGuard guard = new PageGuard("listrak-sms " + operationId, client.getMaxPages(), false).quiet();
        ArrayNode all = MAPPER.createArrayNode();
        String token = paging.first();
        boolean more = true;
        while (more) {
            Page page = client.nextPage(exchange.getContext(), operationId, list, token, guard);
            page.records().forEach(all::add);
            more = page.more();
            token = page.next();
        }
        return all;
    }
}
