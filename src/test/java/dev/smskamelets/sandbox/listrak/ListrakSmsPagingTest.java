package dev.smskamelets.sandbox.listrak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listrak SMS cursor paging: every record exactly once, in order, with filters, limits and empty results. */
class ListrakSmsPagingTest {

    private static final int OPT_OUTS = 12_345;

    @RegisterExtension
    static final SandboxExtension SANDBOX = SandboxExtension.withOption("listrak.optOuts", OPT_OUTS)
            .option("listrak.contacts", 2_500);

    private ListrakClient client;
    private String token;

    @BeforeEach
    void token(Sandbox sandbox) {
        client = new ListrakClient(sandbox);
        token = client.token("sms");
    }

    /** Follows nextPageCursor URIs from the first page; returns every record. */
    private List<JsonNode> walk(String firstPage, List<Integer> pageSizes) {
        List<JsonNode> records = new ArrayList<>();
        String next = firstPage;
        while (next != null) {
            ListrakClient.Answer page = client.get(next, token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("data").forEach(records::add);
            pageSizes.add(page.json().get("data").size());
            next = page.json().hasNonNull("nextPageCursor") ? page.json().get("nextPageCursor").asText() : null;
        }
        return records;
    }

    @Test
    void optOutsWalkEveryRecordExactlyOnceInDateOrder() {
        List<Integer> sizes = new ArrayList<>();
        List<JsonNode> all = walk("/sms/v1/ShortCode/1234/OptOut?count=1000", sizes);
        assertThat(all).hasSize(OPT_OUTS);
        assertThat(sizes).hasSize(13).startsWith(1000, 1000).endsWith(345);
        Set<String> phones = new HashSet<>();
        all.forEach(r -> phones.add(r.get("phoneNumber").asText()));
        assertThat(phones).hasSize(OPT_OUTS);
        List<Instant> dates = all.stream().map(r -> Instant.parse(r.get("optOutDate").asText())).toList();
        assertThat(dates).isSorted();
        assertThat(all).allSatisfy(r -> {
            assertThat(r.get("phoneNumber").asText()).matches("[2-9]\\d{9}");
            assertThat(r.get("optOutReason").asText()).isIn("Campaign", "Admin", "DeliveryFailure", "Import", "API",
                    "Deactivated", "PermanentError", "Workflow");
        });
    }

    @Test
    void defaultPageIsAThousandAndNextPageCursorIsTheNextPageUri() {
        ListrakClient.Answer first = client.get("/sms/v1/ShortCode/1234/OptOut", token);
        assertThat(first.json().get("data")).hasSize(1000);
        String next = first.json().get("nextPageCursor").asText();
        assertThat(next).startsWith(client.base() + "/sms/v1/ShortCode/1234/OptOut?cursor=");
        ListrakClient.Answer second = client.get(next, token);
        assertThat(second.json().get("data").get(0).get("phoneNumber").asText())
                .isNotEqualTo(first.json().get("data").get(999).get("phoneNumber").asText());
        ListrakClient.Answer start = client.get("/sms/v1/ShortCode/1234/OptOut?cursor=Start&count=1", token);
        assertThat(start.json().get("data").get(0)).isEqualTo(first.json().get("data").get(0));
    }

    @Test
    void dateFilterReturnsExactlyTheOptOutsInRange() {
        List<JsonNode> all = walk("/sms/v1/ShortCode/1234/OptOut?count=5000", new ArrayList<>());
        Instant from = Instant.parse("2025-04-01T00:00:00Z");
        Instant to = Instant.parse("2025-06-30T23:59:59Z");
        List<String> expected = all.stream().filter(r -> {
            Instant at = Instant.parse(r.get("optOutDate").asText());
            return !at.isBefore(from) && !at.isAfter(to);
        }).map(r -> r.get("phoneNumber").asText()).toList();
        List<JsonNode> filtered = walk("/sms/v1/ShortCode/1234/OptOut?count=500&startDate=2025-04-01&endDate=2025-06-30", new ArrayList<>());
        assertThat(expected).isNotEmpty();
        assertThat(filtered).extracting(r -> r.get("phoneNumber").asText()).containsExactlyElementsOf(expected);
    }

    @Test
    void anOptOutDuringPagingIsSeenExactlyOnceAtTheEnd(Sandbox sandbox) {
        ListrakClient.Answer first = client.get("/sms/v1/ShortCode/1234/OptOut?count=5000", token);
        String subscribed = sandbox.api(ListrakSmsApi.class).seed().phone(OPT_OUTS + 7);
        assertThat(client.call("POST", "/sandbox/listrak/sms/inbound", null,
                Map.of("phoneNumber", subscribed, "text", "STOP")).status()).isEqualTo(200);
        List<JsonNode> rest = walk(first.json().get("nextPageCursor").asText(), new ArrayList<>());
        assertThat(first.json().get("data").size() + rest.size()).isEqualTo(OPT_OUTS + 1);
        assertThat(rest.get(rest.size() - 1).get("phoneNumber").asText()).isEqualTo(subscribed);
        assertThat(rest.get(rest.size() - 1).get("optOutReason").asText()).isEqualTo("Campaign");
    }

    @Test
    void emptyResultsHaveNoNextPageCursor() {
        ListrakClient.Answer outlet = client.get("/sms/v1/ShortCode/1235/OptOut", token);
        assertThat(outlet.status()).isEqualTo(200);
        assertThat(outlet.json().get("data")).isEmpty();
        assertThat(outlet.json().has("nextPageCursor")).isFalse();
        ListrakClient.Answer past = client.get("/sms/v1/ShortCode/1234/OptOut?startDate=2020-01-01&endDate=2020-12-31", token);
        assertThat(past.json().get("data")).isEmpty();
        ListrakClient.Answer members = client.get("/sms/v1/ShortCode/1235/PhoneList/5101/Contact", token);
        assertThat(members.json().get("data")).isEmpty();
    }

    @Test
    void countAndCursorOutOfRangeAreListrakParameterErrors() {
        ListrakClient.Answer big = client.get("/sms/v1/ShortCode/1234/OptOut?count=5001", token);
        assertThat(big.status()).isEqualTo(400);
        assertThat(big.json().get("error").asText()).isEqualTo("ERROR_INVALID_PARAMETER");
        assertThat(big.json().get("message").asText()).contains("count").contains("5001");
        ListrakClient.Answer cursor = client.get("/sms/v1/ShortCode/1234/OptOut?cursor=garbage", token);
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().get("message").asText()).contains("cursor").contains("garbage");
        ListrakClient.Answer date = client.get("/sms/v1/ShortCode/1234/OptOut?startDate=yesterday", token);
        assertThat(date.json().get("message").asText()).contains("startDate").contains("yesterday");
    }

    @Test
    void listMembersPageByOptOutStatusWithoutOverlap() {
        List<JsonNode> subscribed = walk("/sms/v1/ShortCode/1234/PhoneList/5001/Contact?count=700", new ArrayList<>());
        List<JsonNode> optedOut = walk("/sms/v1/ShortCode/1234/PhoneList/5001/Contact?optedOut=true&count=5000", new ArrayList<>());
        assertThat(subscribed).allSatisfy(c -> assertThat(c.get("optedOut").asBoolean()).isFalse());
        assertThat(optedOut).allSatisfy(c -> assertThat(c.get("optedOut").asBoolean()).isTrue());
        Set<String> phones = new HashSet<>();
        subscribed.forEach(c -> phones.add(c.get("phoneNumber").asText()));
        optedOut.forEach(c -> phones.add(c.get("phoneNumber").asText()));
        assertThat(subscribed.size() + optedOut.size()).isEqualTo(phones.size());
        assertThat(optedOut.size()).isBetween(OPT_OUTS, OPT_OUTS + 1); // +1 if the STOP test ran first
        List<JsonNode> vip = walk("/sms/v1/ShortCode/1234/PhoneList/5002/Contact?count=100", new ArrayList<>());
        assertThat(vip.size()).isBetween(2_500 / 3 - 1, 2_500 / 3 + 1);
    }

    @Test
    void phoneListsAndSubscriptionsAcceptCursorAndCount() {
        ListrakClient.Answer lists = client.get("/sms/v1/ShortCode/1234/PhoneList?count=1", token);
        assertThat(lists.json().get("data")).hasSize(1);
        ListrakClient.Answer second = client.get(lists.json().get("nextPageCursor").asText(), token);
        assertThat(second.json().get("data")).hasSize(1);
        assertThat(second.json().has("nextPageCursor")).isFalse();
        ListrakClient.Answer inactive = client.get("/sms/v1/ShortCode/1234/PhoneList?status=inactive", token);
        assertThat(inactive.json().get("data").get(0).get("phoneListId").asInt()).isEqualTo(5003);
    }
}
