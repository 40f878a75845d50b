package dev.smskamelets.sandbox.textable;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Json;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Textable against the sandbox: bearer auth (both forms), send rules, contacts, blocks, batch upload, drips, users. */
class TextableApiTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textable.contacts", 60);

    @Test
    void bearerTokenIsRequiredInEitherDocumentedForm(Sandbox sandbox) {
        TxHttp http = new TxHttp(sandbox);
        HttpResponse<String> missing = http.call("GET", TextablePaths.CONTACTS, null, null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(Json.read(missing.body().getBytes()).get("errors").get(0).asText()).contains("Authorization");
        assertThat(http.call("GET", TextablePaths.CONTACTS, null, "Bearer not-a-token").statusCode()).isEqualTo(401);
        assertThat(http.call("GET", TextablePaths.CONTACTS, null, "Basic " + http.token()).statusCode()).isEqualTo(401);
        Map<String, Object> user = sandbox.api(TextableApi.class).user();
        assertThat(http.call("GET", TextablePaths.CONTACTS, null, "Bearer " + user.get("id") + ":" + user.get("accessToken"))
                .statusCode()).isEqualTo(200);
        assertThat(http.call("GET", TextablePaths.CONTACTS, null, "Bearer " + user.get("id") + ":wrong").statusCode()).isEqualTo(401);
        JsonNode contacts = http.json("GET", TextablePaths.CONTACTS, null, 200).get("contacts");
        assertThat(contacts.findValuesAsText("phoneNumber")).filteredOn(p -> p.startsWith("+1737")).hasSize(60);
    }

    @Test
    void sendValidatesE164NumbersTheSenderAndReminders(Sandbox sandbox) {
        TxHttp http = new TxHttp(sandbox);
        String from = (String) sandbox.api(TextableApi.class).user().get("phoneNumber");
        assertThat(http.json("POST", TextablePaths.SEND, send(from, "+15125550999", "Hello"), 200).get("status").asText())
                .isEqualTo("true");
        HttpResponse<String> badTo = http.call("POST", TextablePaths.SEND, send(from, "5125550999", "Hello"));
        assertThat(badTo.statusCode()).isEqualTo(400);
        assertThat(badTo.body()).contains("5125550999").contains("E.164");
        HttpResponse<String> foreign = http.call("POST", TextablePaths.SEND, send("+15125559999", "+15125550999", "Hello"));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("+15125559999");
        HttpResponse<String> reminder = http.call("POST", TextablePaths.SEND, "{\"to\":\"+15125550999\",\"from\":\"" + from
                + "\",\"message\":\"Remember\",\"reminder\":true,\"sendAt\":" + (System.currentTimeMillis() + 60_000) + "}");
        assertThat(reminder.statusCode()).isEqualTo(400);
        assertThat(reminder.body()).contains("scheduleTimezone");
    }

    @Test
    void aSendWithoutItsRequiredMessageIsAContractViolation(Sandbox sandbox) {
        SANDBOX.expectViolations();
        TxHttp http = new TxHttp(sandbox);
        HttpResponse<String> r = http.call("POST", TextablePaths.SEND, "{\"to\":\"+15125550999\",\"from\":\"+15125550100\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("errors");
        assertThat(sandbox.contract().violations()).singleElement()
                .satisfies(v -> assertThat(v.messages()).contains("message"));
    }

    @Test
    void contactsAreCreatedLookedUpUpdatedByIdAndOptedOut(Sandbox sandbox) {
        TxHttp http = new TxHttp(sandbox);
        JsonNode created = http.json("POST", TextablePaths.CONTACTS,
                "{\"phoneNumber\":\"+15127770001\",\"fullName\":\"Jo Doe\",\"email\":\"jo@example.com\"}", 200);
        String id = created.get("id").asText();
        assertThat(http.call("POST", TextablePaths.CONTACTS, "{\"phoneNumber\":\"+15127770001\"}").statusCode()).isEqualTo(400);
        assertThat(http.call("POST", TextablePaths.CONTACTS, "{\"phoneNumber\":\"5127770001\"}").statusCode()).isEqualTo(400);
        JsonNode found = http.json("GET", TextablePaths.CONTACTS + "?phoneNumber=%2B15127770001", null, 200).get("contacts");
        assertThat(found).singleElement().satisfies(c -> assertThat(c.get("id").asText()).isEqualTo(id));
        assertThat(http.json("GET", TextablePaths.CONTACT_BY_ID.replace("{id}", id), null, 200).get("fullName").asText()).isEqualTo("Jo Doe");
        JsonNode updated = http.json("PUT", TextablePaths.CONTACT_V2_BY_ID.replace("{id}", id),
                "{\"optedOut\":true,\"isArchived\":true,\"companyName\":\"Acme\"}", 200);
        assertThat(updated.get("optedOut").asBoolean()).isTrue();
        assertThat(updated.get("isArchived").asBoolean()).isTrue();
        assertThat(updated.get("companyName").asText()).isEqualTo("Acme");
        String from = (String) sandbox.api(TextableApi.class).user().get("phoneNumber");
        HttpResponse<String> refused = http.call("POST", TextablePaths.SEND, send(from, "+15127770001", "Hi"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("opted out");
        assertThat(sandbox.ledger().writes("textable", "contact", id)).isEqualTo(2);
        assertThat(http.call("GET", TextablePaths.CONTACT_BY_ID.replace("{id}", "nope"), null).statusCode()).isEqualTo(404);
        assertThat(http.call("DELETE", TextablePaths.CONTACT_V2_BY_ID.replace("{id}", id), null).statusCode()).isEqualTo(200);
        assertThat(http.call("GET", TextablePaths.CONTACT_BY_ID.replace("{id}", id), null).statusCode()).isEqualTo(404);
    }

    @Test
    void batchUploadReportsCreatedUpdatedAndFailedRows(Sandbox sandbox) {
        TxHttp http = new TxHttp(sandbox);
        JsonNode result = http.json("POST", TextablePaths.BATCH_UPLOAD, "{\"contacts\":[{\"phoneNumber\":\"+15127770101\",\"fullName\":\"A\"},"
                + "{\"phoneNumber\":\"+17375550000\",\"optedOut\":true},{\"phoneNumber\":\"555\"}]}", 200);
        assertThat(result.get("status").asText()).isEqualTo("partial");
        assertThat(result.get("details").get("created").asInt()).isEqualTo(1);
        assertThat(result.get("details").get("updated").asInt()).isEqualTo(1);
        assertThat(result.get("details").get("failed").asInt()).isEqualTo(1);
        assertThat(result.get("details").get("errors").get(0).asText()).contains("contacts[2].phoneNumber").contains("555");
    }

    @Test
    void dripCampaignsListAndApply(Sandbox sandbox) {
        TxHttp http = new TxHttp(sandbox);
        JsonNode drips = http.json("GET", TextablePaths.DRIP_CAMPAIGNS, null, 200).get("drips");
        assertThat(drips).hasSize(2);
        String contact = http.json("POST", TextablePaths.CONTACTS, "{\"phoneNumber\":\"+15127770201\"}", 200).get("id").asText();
        String path = TextablePaths.APPLY_DRIP.replace("{id}", contact);
        JsonNode applied = http.json("POST", path, "{\"dripCampaignId\":\"" + drips.get(0).get("id").asText() + "\"}", 200);
        assertThat(applied.get("addedDripMessages")).hasSize(2);
        HttpResponse<String> unknown = http.call("POST", path, "{\"dripCampaignId\":\"missing\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Json.read(unknown.body().getBytes()).get("error").asText()).contains("missing");
    }

    @Test
    void usersCarryTheirRelayWebhookAndOnlyAdminsListThem(Sandbox sandbox) {
        TxHttp http = new TxHttp(sandbox);
        String id = http.json("POST", TextablePaths.USERS, "{\"phoneNumber\":\"+15125550150\",\"emailAddress\":\"new@example.com\","
                + "\"relayWebhook\":\"https://hooks.example.com/relay\"}", 200).get("id").asText();
        JsonNode user = http.json("GET", TextablePaths.USER_V2_BY_ID.replace("{id}", id), null, 200);
        assertThat(user.get("relayWebhook").asText()).isEqualTo("https://hooks.example.com/relay");
        assertThat(user.get("phone_number").asText()).isEqualTo("+15125550150");
        http.json("PUT", TextablePaths.USER_BY_ID.replace("{id}", id), "{\"relayWebhook\":\"https://hooks.example.com/other\"}", 200);
        assertThat(http.json("GET", TextablePaths.USER_V2_BY_ID.replace("{id}", id), null, 200).get("relayWebhook").asText())
                .isEqualTo("https://hooks.example.com/other");
        assertThat(http.json("GET", TextablePaths.USERS, null, 200).size()).isGreaterThanOrEqualTo(3);
        JsonNode orgs = http.json("GET", TextablePaths.ORGANIZATIONS_V2, null, 200);
        JsonNode info = Json.MAPPER.valueToTree(sandbox.info()).get("apis").get("textable");
        assertThat(orgs.get(0).get("id").asText()).isEqualTo(info.get("organizationId").asText());
        String agentToken = info.get("users").get(1).get("token").asText();
        assertThat(http.call("GET", TextablePaths.USERS, null, "Bearer " + agentToken).statusCode()).isEqualTo(403);
        assertThat(http.call("GET", TextablePaths.USER_V2_BY_ID.replace("{id}", id), null, "Bearer " + agentToken).statusCode()).isEqualTo(404);
    }

    static String send(String from, String to, String message) {
        return "{\"to\":\"" + to + "\",\"from\":\"" + from + "\",\"message\":\"" + message + "\"}";
    }
}
