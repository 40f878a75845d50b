package dev.smskamelets.sandbox.textrequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Text Request messages, conversations, archive, redact and hook registration against the sandbox. */
class TextRequestMessagesTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textrequest.contacts", 120);

    @Test
    void bodyLongerThan1600CharactersIsRefusedWith400(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        String path = "/dashboards/102/contacts/14235550001/messages";
        HttpResponse<String> tooLong = http.call("POST", path, "{\"body\":\"" + "a".repeat(1601) + "\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"status\":400").contains("1601").contains("1600");
        JsonNode ok = http.json("POST", path, "{\"body\":\"" + "a".repeat(1600) + "\"}", 200);
        assertThat(ok.get("body").asText()).hasSize(1600);
        HttpResponse<String> longSender = http.call("POST", path, "{\"body\":\"hi\",\"sender_name\":\"" + "s".repeat(42) + "\"}");
        assertThat(longSender.statusCode()).isEqualTo(400);
        assertThat(longSender.body()).contains("sender_name");
    }

    @Test
    void sendFromNumberValidatesUsPhonesAndAnswersThePostMessageResponse(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        String from = http.get("/dashboards/102").get("phone").asText();
        JsonNode sent = http.json("POST", "/messages", "{\"from\":\"" + from.substring(1) + "\",\"to\":\"4239990002\",\"body\":\"Hello\"}", 200);
        assertThat(sent.get("to").asText()).isEqualTo("14239990002");
        assertThat(sent.get("from").asText()).isEqualTo(from);
        assertThat(sent.get("status").asText()).isEqualTo("sending");
        assertThat(sent.get("segments_count").asInt()).isEqualTo(1);
        for (String to : List.of("12345", "423-555-0002", "24239990002", "442399900021")) {
            HttpResponse<String> bad = http.call("POST", "/messages", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"body\":\"x\"}");
            assertThat(bad.statusCode()).as(to).isEqualTo(400);
            assertThat(bad.body()).as(to).contains(to);
        }
        HttpResponse<String> foreign = http.call("POST", "/messages", "{\"from\":\"15550000000\",\"to\":\"4239990002\",\"body\":\"x\"}");
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("15550000000");
        HttpResponse<String> location = http.call("POST", "/messages", "{\"from\":\"" + from
                + "\",\"to\":\"4239990002\",\"body\":\"x\",\"location_callback\":\"http://127.0.0.1:1/loc\"}");
        assertThat(location.statusCode()).isEqualTo(400);
        assertThat(location.body()).contains("[LocationRequest]");
    }

    @Test
    void nonTenDlcDashboardSendsOneMessagePerSecond(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        List<Instant> slots = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode m = http.json("POST", "/dashboards/101/contacts/13219990010/messages", "{\"body\":\"throttled " + i + "\"}", 200);
            assertThat(m.get("delivery_status").asText()).isIn("queued", "sent", "delivered");
            slots.add(Instant.parse(m.get("message_timestamp_utc").asText()));
        }
        assertThat(Duration.between(slots.get(0), slots.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(Duration.between(slots.get(1), slots.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        List<Instant> fast = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode m = http.json("POST", "/dashboards/102/contacts/14239990010/messages", "{\"body\":\"10DLC " + i + "\"}", 200);
            fast.add(Instant.parse(m.get("message_timestamp_utc").asText()));
        }
        assertThat(Duration.between(fast.get(0), fast.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void sendingToAnOptedOutContactFailsWithAnErrorStatus(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        String optedOut = http.get("/dashboards/102/contacts?has_opted_out=true").get("items").get(0).get("phone_number").asText();
        JsonNode m = http.json("POST", "/dashboards/102/contacts/" + optedOut + "/messages", "{\"body\":\"hello?\"}", 200);
        assertThat(m.get("delivery_status").asText()).isEqualTo("error");
        assertThat(m.get("delivery_error").asText()).isEqualTo(TrMessaging.ERROR_OPTED_OUT);
    }

    @Test
    void emptyConversationAndMessageListsAre204(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        String number = http.get("/dashboards/provisioning?area_code=615").get(0).asText();
        int id = http.json("POST", "/dashboards", "{\"name\":\"Empty\",\"phone\":\"" + number + "\"}", 200).get("id").asInt();
        assertThat(http.call("GET", "/dashboards/" + id + "/conversations", null).statusCode()).isEqualTo(204);
        assertThat(http.call("GET", "/dashboards/" + id + "/messages", null).statusCode()).isEqualTo(204);
        assertThat(http.call("GET", "/dashboards/" + id + "/contacts/16155550000/messages", null).statusCode()).isEqualTo(204);
        assertThat(http.get("/dashboards/" + id + "/contacts").get("items")).isEmpty();
        assertThat(http.call("DELETE", "/dashboards/" + id, null).statusCode()).isEqualTo(204);
        assertThat(http.call("DELETE", "/dashboards/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void dashboardMessagesPageOldestFirstWithinTheDateRange(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        String range = "start_date=2025-03-01T00:00:00Z&end_date=2025-09-01T00:00:00Z";
        List<String> ids = new ArrayList<>();
        Instant previous = Instant.MIN;
        int total = 0;
        for (int page = 0; ; page++) {
            JsonNode body = http.get("/dashboards/101/messages?page_size=9&page=" + page + "&" + range);
            total = body.get("meta").get("total_items").asInt();
            for (JsonNode m : body.get("items")) {
                Instant at = Instant.parse(m.get("message_timestamp_utc").asText());
                assertThat(at).isAfterOrEqualTo(previous).isBetween(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-09-01T00:00:00Z"));
                assertThat(m.get("dashboard_phone").asText()).isEqualTo(http.get("/dashboards/101").get("phone").asText());
                previous = at;
                ids.add(m.get("message_id").asText());
            }
            if ((page + 1) * 9 >= total) {
                break;
            }
        }
        assertThat(total).isPositive();
        assertThat(ids).hasSize(total).doesNotHaveDuplicates();
    }

    @Test
    void archiveHidesAConversationAndRedactHidesABody(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        JsonNode m = http.json("POST", "/dashboards/102/contacts/14239990020/messages", "{\"body\":\"secret 1234\"}", 200);
        HttpResponse<String> archived = http.call("PUT", "/dashboards/102/contacts/14239990020/conversations/archive", null);
        assertThat(archived.statusCode()).isEqualTo(200);
        assertThat(archived.body()).isEmpty();
        assertThat(conversationPhones(http, "")).doesNotContain("14239990020");
        assertThat(conversationPhones(http, "&include_archived=true")).contains("14239990020");
        assertThat(http.call("PUT", "/dashboards/102/contacts/14239990020/conversations/unarchive", null).statusCode()).isEqualTo(200);
        assertThat(conversationPhones(http, "")).contains("14239990020");

        String id = m.get("message_id").asText();
        HttpResponse<String> redacted = http.call("PUT", "/messages/" + id + "/redact", null);
        assertThat(redacted.statusCode()).isEqualTo(200);
        assertThat(redacted.body()).isEmpty();
        assertThat(http.get("/dashboards/102/contacts/14239990020/messages").get("items").get(0).get("body").asText())
                .isEqualTo(TrMessage.REDACTED_BODY);
        assertThat(http.call("PUT", "/messages/" + id + "/unredact", null).statusCode()).isEqualTo(200);
        assertThat(http.get("/dashboards/102/contacts/14239990020/messages").get("items").get(0).get("body").asText())
                .isEqualTo("secret 1234");
        assertThat(sandbox.ledger().since(0)).extracting(e -> e.change()).contains("redacted", "unredacted");
    }

    @Test
    void hooksRegisterListAndDelete(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        assertThat(http.get("/eventTypes")).hasSize(7);
        String hook = "{\"target_url\":\"http://127.0.0.1:9/hook\",\"event\":\"msg_received\",\"http_verb\":\"PUT\"}";
        JsonNode created = http.json("POST", "/dashboards/101/hooks", hook, 201);
        assertThat(created.get("httpVerb").asText()).isEqualTo("PUT");
        assertThat(created.get("is_user_defined").asBoolean()).isFalse();
        HttpResponse<String> duplicate = http.call("POST", "/dashboards/101/hooks", hook);
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(duplicate.body()).contains("\"status\":409");
        JsonNode list = http.get("/dashboards/101/hooks");
        assertThat(list.get("meta").get("total_items").asInt()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("enabled").asBoolean()).isTrue();
        HttpResponse<String> get = http.call("POST", "/dashboards/101/hooks", "{\"target_url\":\"http://127.0.0.1:9/h\",\"event\":\"msg_sent\",\"http_verb\":\"GET\"}");
        SANDBOX.expectViolations(); // GET is outside the http_verb enum: the contract check refuses it
        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(http.call("DELETE", "/dashboards/101/hooks/" + created.get("id").asInt(), null).statusCode()).isEqualTo(204);
        assertThat(http.get("/dashboards/101/hooks").get("items")).isEmpty();
    }

    private static List<String> conversationPhones(TrHttp http, String query) {
        List<String> phones = new ArrayList<>();
        http.get("/dashboards/102/conversations?page_size=500" + query).get("items").forEach(c -> phones.add(c.get("phone_number").asText()));
        return phones;
    }
}
