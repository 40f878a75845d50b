package dev.smskamelets.sandbox.textrequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Text Request contacts against the sandbox: auth, paging, every filter, 204, create-or-update, PATCH, bulk, delete. */
class TextRequestContactsTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension()
            .option("textrequest.contacts", 250).option("textrequest.optedOut", 25).option("textrequest.suppressed", 12);

    /** Read-only tests use dashboard 101; tests that write use 102, so counts stay exact whatever the order. */
    private static final String CONTACTS = "/dashboards/101/contacts";
    private static final String WRITE = "/dashboards/102/contacts";

    @Test
    void missingKeyIs400AndWrongKeyIs401InTheVendorErrorShape(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        HttpResponse<String> missing = http.call("GET", "/dashboards", null, null);
        assertThat(missing.statusCode()).isEqualTo(400);
        JsonNode body = dev.smskamelets.sandbox.Json.read(missing.body().getBytes());
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.has("errorCode")).isTrue();
        assertThat(body.get("message").asText()).contains("x-api-key");
        HttpResponse<String> wrong = http.call("GET", "/dashboards", null, "0000000000000000");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"status\":401");
        assertThat(http.call("GET", "/dashboards", null).statusCode()).isEqualTo(200);
    }

    @Test
    void pagingWalksEveryContactExactlyOnce(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        List<String> seen = new ArrayList<>();
        int total = -1;
        for (int page = 0; ; page++) {
            JsonNode body = http.get(CONTACTS + "?page_size=7&page=" + page);
            assertThat(body.get("meta").get("page").asInt()).isEqualTo(page);
            assertThat(body.get("meta").get("page_size").asInt()).isEqualTo(7);
            total = body.get("meta").get("total_items").asInt();
            body.get("items").forEach(c -> seen.add(c.get("phone_number").asText()));
            if ((page + 1) * 7 >= total) {
                break;
            }
        }
        assertThat(total).isEqualTo(250);
        assertThat(seen).hasSize(250).doesNotHaveDuplicates();
        JsonNode past = http.get(CONTACTS + "?page_size=7&page=" + (250 / 7 + 1));
        assertThat(past.get("items")).isEmpty();
        assertThat(past.get("meta").get("total_items").asInt()).isEqualTo(250);
        JsonNode defaults = http.get(CONTACTS);
        assertThat(defaults.get("meta").get("page").asInt()).isZero();
        assertThat(defaults.get("meta").get("page_size").asInt()).isEqualTo(100);
        assertThat(defaults.get("items")).hasSize(100);
    }

    @Test
    void negativePagingIsA400(Sandbox sandbox) {
        HttpResponse<String> r = new TrHttp(sandbox).call("GET", CONTACTS + "?page=-1", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"status\":400").contains("page must not be negative");
    }

    @Test
    void malformedRequestIsCaughtAsAContractViolation(Sandbox sandbox) {
        SANDBOX.expectViolations();
        HttpResponse<String> r = new TrHttp(sandbox).call("GET", CONTACTS + "?page_size=lots", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"status\":400");
        assertThat(sandbox.contract().violations()).hasSize(1);
        assertThat(sandbox.contract().violations().get(0).operationId()).isEqualTo("Contacts_getMatches");
        assertThat(sandbox.contract().violations().get(0).messages()).contains("page_size");
    }

    @Test
    void booleanFiltersSelectExactlyTheMatchingContacts(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        List<JsonNode> all = all(http, "");
        assertFilter(http, all, "has_opted_out=true", c -> !c.get("opted_out_utc").isNull(), 25);
        assertFilter(http, all, "has_opted_out=false", c -> c.get("opted_out_utc").isNull(), 225);
        assertFilter(http, all, "is_suppressed=true", c -> c.get("is_suppressed").asBoolean(), 12);
        assertFilter(http, all, "is_blocked=true", c -> c.get("is_blocked").asBoolean(), 3);
        assertFilter(http, all, "is_archived=true", c -> c.get("is_archived").asBoolean(), -1);
        assertFilter(http, all, "has_message_history=true",
                c -> c.get("total_msgs_sent").asInt() + c.get("total_msgs_received").asInt() > 0, 60);
        assertFilter(http, all, "has_opted_out=true&is_archived=true",
                c -> !c.get("opted_out_utc").isNull() && c.get("is_archived").asBoolean(), 25);
    }

    @Test
    void dateAndPhoneFiltersSelectExactlyTheMatchingContacts(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        List<JsonNode> all = all(http, "");
        String cut = all.get(100).get("date_created_utc").asText();
        Instant cutAt = Instant.parse(cut);
        assertFilter(http, all, "contact_created_after=" + cut,
                c -> Instant.parse(c.get("date_created_utc").asText()).isAfter(cutAt), 149);
        assertFilter(http, all, "contact_created_before=" + cut,
                c -> Instant.parse(c.get("date_created_utc").asText()).isBefore(cutAt), 100);
        assertFilter(http, all, "last_message_received_after=2025-06-01T00:00:00Z", c -> !c.get("last_msg_received_utc").isNull()
                && Instant.parse(c.get("last_msg_received_utc").asText()).isAfter(Instant.parse("2025-06-01T00:00:00Z")), -1);
        assertFilter(http, all, "last_message_sent_before=2025-06-01T00:00:00Z", c -> !c.get("last_msg_sent_utc").isNull()
                && Instant.parse(c.get("last_msg_sent_utc").asText()).isBefore(Instant.parse("2025-06-01T00:00:00Z")), -1);
        assertFilter(http, all, "last_message_timestamp_after_utc=2025-03-01T00:00:00Z", c -> !c.get("last_contact_date_utc").isNull()
                && Instant.parse(c.get("last_contact_date_utc").asText()).isAfter(Instant.parse("2025-03-01T00:00:00Z")), -1);
        assertFilter(http, all, "contact_phone_number=32155501", c -> c.get("phone_number").asText().startsWith("132155501"), 100);
        assertFilter(http, all, "contact_phone_number=1321555000", c -> c.get("phone_number").asText().startsWith("1321555000"), 10);
    }

    @Test
    void tagGroupAndCustomFieldFilters(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        List<JsonNode> all = all(http, "");
        String tag = http.get("/dashboards/101/tags").get("items").get(0).get("id").asText();
        assertFilter(http, all, "tags=" + tag, c -> c.get("contact_tags").toString().contains(tag), -1);
        int group = http.get("/dashboards/101/groups").get("items").get(0).get("id").asInt();
        assertFilter(http, all, "groups=" + group, c -> c.get("groups").toString().matches(".*\\b" + group + "\\b.*"), -1);
        JsonNode withEmail = all.stream().filter(c -> c.get("custom_fields").size() > 0).findFirst().orElseThrow();
        JsonNode field = withEmail.get("custom_fields").get(0);
        assertFilter(http, all, "custom_field_id_1=" + field.get("id").asText() + "&custom_field_value_1=" + field.get("value").asText(),
                c -> c.get("custom_fields").toString().contains(field.get("value").asText()), 1);
        HttpResponse<String> half = http.call("GET", CONTACTS + "?custom_field_id_1=" + field.get("id").asText(), null);
        assertThat(half.statusCode()).isEqualTo(400);
        assertThat(half.body()).contains("custom_field_value_1");
    }

    @Test
    void getByPhoneIs204WhenAbsentAndCreateOrUpdateAppliesSuppression(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        assertThat(http.call("GET", WRITE + "/13219990001", null).statusCode()).isEqualTo(204);
        long mark = sandbox.ledger().mark();
        JsonNode created = http.json("POST", WRITE + "/3219990001",
                "{\"first_name\":\"Ada\",\"is_suppressed\":true,\"suppressed_reason\":\"Opted out in Listrak\"}", 200);
        assertThat(created.get("phone_number").asText()).isEqualTo("13219990001");
        assertThat(created.get("is_suppressed").asBoolean()).isTrue();
        assertThat(created.get("suppressed_reason").asText()).isEqualTo("Opted out in Listrak");
        JsonNode fetched = http.get(WRITE + "/13219990001");
        assertThat(fetched.get("first_name").asText()).isEqualTo("Ada");
        assertThat(sandbox.ledger().since(mark)).extracting(Ledger.Entry::change)
                .containsExactly("created [first_name=Ada, display_name=Ada, is_suppressed=true, suppressed_reason=Opted out in Listrak]");
        http.json("POST", WRITE + "/13219990001", "{\"is_suppressed\":true,\"suppressed_reason\":\"Opted out in Listrak\"}", 200);
        assertThat(sandbox.ledger().writes("textrequest", "contact", "102/13219990001")).isEqualTo(2);
        assertThat(sandbox.ledger().since(mark).get(1).change()).isEqualTo("unchanged");
    }

    @Test
    void patchAddsAndRemovesTagsGroupsAndCustomFields(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        http.json("POST", WRITE + "/13219990002", "{}", 200);
        JsonNode tag = http.json("POST", "/dashboards/102/tags", "{\"tag\":\"Patched\",\"tag_color\":\"#123456\"}", 200);
        JsonNode group = http.json("POST", "/dashboards/102/groups", "{\"name\":\"Patch group\"}", 200);
        JsonNode field = http.json("POST", "/dashboards/102/fields", "{\"name\":\"Loyalty\"}", 200);
        String tagId = tag.get("id").asText();
        JsonNode c = http.json("PATCH", WRITE + "/13219990002", "{\"contact_tag\":\"" + tagId + "\",\"add_tag_to_contact\":true,"
                + "\"group\":" + group.get("id").asInt() + ",\"add_group_to_contact\":true,\"custom_field_id\":\""
                + field.get("id").asText() + "\",\"custom_field_value\":true}", 200);
        assertThat(c.get("contact_tags").toString()).contains(tagId);
        assertThat(c.get("groups").toString()).contains(group.get("id").asText());
        assertThat(c.get("custom_fields").get(0).get("value").asText()).isEqualTo("true");
        c = http.json("PATCH", WRITE + "/13219990002", "{\"contact_tag\":\"" + tagId + "\",\"add_tag_to_contact\":false}", 200);
        assertThat(c.get("contact_tags")).isEmpty();
        HttpResponse<String> unknown = http.call("PATCH", WRITE + "/13219990002", "{\"group\":999999,\"add_group_to_contact\":true}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("999999");
    }

    @Test
    void bulkUpdateCreatesAndUpdatesByPhone(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        JsonNode result = http.json("POST", WRITE, "[{\"phone_number\":\"321-999-0003\",\"first_name\":\"Bo\"},"
                + "{\"phone_number\":\"14235550000\",\"is_suppressed\":true,\"suppressed_reason\":\"bulk\"}]", 200);
        assertThat(result).hasSize(2);
        assertThat(result.get(0).get("phone_number").asText()).isEqualTo("13219990003");
        assertThat(result.get(1).get("suppressed_reason").asText()).isEqualTo("bulk");
        HttpResponse<String> bad = http.call("POST", WRITE, "[{\"phone_number\":\"12\"}]");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("item 0").contains("12");
    }

    @Test
    void deleteAnswers200Then404AndRefusesContactsWithHistory(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        http.json("POST", WRITE + "/13219990004", "{}", 200);
        HttpResponse<String> deleted = http.call("DELETE", WRITE + "/13219990004", null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(http.call("GET", WRITE + "/13219990004", null).statusCode()).isEqualTo(204);
        assertThat(http.call("DELETE", WRITE + "/13219990004", null).statusCode()).isEqualTo(404);
        String withHistory = all(http, "has_message_history=true").get(0).get("phone_number").asText();
        HttpResponse<String> refused = http.call("DELETE", CONTACTS + "/" + withHistory, null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("message history");
    }

    @Test
    void fieldsAreNotPagedAndMissingLookupsAre204(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        JsonNode fields = http.get("/dashboards/101/fields");
        assertThat(fields.isArray()).isTrue();
        assertThat(fields.size()).isGreaterThanOrEqualTo(2);
        assertThat(http.call("GET", "/dashboards/101/fields/00000000-0000-0000-0000-000000000000", null).statusCode()).isEqualTo(204);
        assertThat(http.call("GET", "/dashboards/101/groups/999999", null).statusCode()).isEqualTo(204);
        assertThat(http.call("GET", "/dashboards/101/tags/nope", null).statusCode()).isEqualTo(204);
        assertThat(http.call("GET", "/dashboards/101/keywords/999999", null).statusCode()).isEqualTo(204);
        assertThat(http.call("DELETE", "/dashboards/101/groups/999999", null).statusCode()).isEqualTo(404);
        assertThat(http.call("GET", "/dashboards/999/contacts", null).statusCode()).isEqualTo(400);
    }

    private static List<JsonNode> all(TrHttp http, String query) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = http.get(CONTACTS + "?page_size=100&page=" + page + (query.isEmpty() ? "" : "&" + query));
            body.get("items").forEach(items::add);
            if ((page + 1) * 100 >= body.get("meta").get("total_items").asInt()) {
                return items;
            }
        }
    }

    /** The filtered listing equals the client-side filter of the full listing (and has the expected size, unless -1). */
    private static void assertFilter(TrHttp http, List<JsonNode> all, String query, Predicate<JsonNode> expected, int size) {
        Set<String> server = new HashSet<>();
        all(http, query).forEach(c -> server.add(c.get("phone_number").asText()));
        Set<String> client = new HashSet<>();
        all.stream().filter(expected).forEach(c -> client.add(c.get("phone_number").asText()));
        assertThat(server).as(query).isEqualTo(client);
        if (size >= 0) {
            assertThat(server).as(query).hasSize(size);
        } else {
            assertThat(server).as(query + " selects some but not all").isNotEmpty().hasSizeLessThan(all.size());
        }
    }
}
