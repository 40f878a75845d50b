package dev.smskamelets.textable;

import static dev.smskamelets.textable.TextableContactActionsTest.call;
import static dev.smskamelets.textable.TextableContactActionsTest.expectInvalid;
import static dev.smskamelets.textable.TextableContactActionsTest.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.sandbox.Ledger;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.sandbox.textable.TextableApi;
import dev.smskamelets.sandbox.textable.TextablePaths;
import dev.smskamelets.test.KameletCamel;
import dev.smskamelets.test.SandboxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batch upload, block/unblock and drip campaigns (all on unverified default paths) against the sandbox: ledger
 * effects and their consequences (a blocked sender's inbound message is dropped), partial batches reported in
 * headers, Textable's 400s mapped, invalid input refused before any request.
 */
class TextableBulkActionsTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textable.contacts", 20);

    static final ObjectMapper JSON = new ObjectMapper();

    static List<Ledger.Entry> ledger(Sandbox sandbox, String operation) {
        return sandbox.ledger().since(0).stream().filter(e -> operation.equals(e.operationId())).toList();
    }

    @Test
    void batchUploadCreatesAndUpdatesAndReportsTheSummary(Sandbox sandbox) throws Exception {
        try (KameletCamel camel = TextableActions.start(sandbox, "textable-contact-batch-action", Map.of())) {
            Exchange first = call(camel, List.of(Map.of("phoneNumber", "512 888 0301", "fullName", "One"),
                    Map.of("phoneNumber", "+15128880302", "optedOut", true)), Map.of());
            assertThat(first.getMessage().getHeader("textableBatchStatus")).isEqualTo("ok");
            assertThat(first.getMessage().getHeader("textableBatchCreated")).isEqualTo(2);
            Exchange second = call(camel, "{\"contacts\":[{\"phoneNumber\":\"+15128880301\",\"email\":\"one@example.com\"},"
                    + "{\"phoneNumber\":\"+15128880303\"}]}", Map.of());
            assertThat(second.getMessage().getHeader("textableBatchCreated")).isEqualTo(1);
            assertThat(second.getMessage().getHeader("textableBatchUpdated")).isEqualTo(1);
            assertThat(second.getMessage().getHeader("textableBatchFailed")).isEqualTo(0);
        }
        assertThat(ledger(sandbox, "uploadContactBatch")).extracting(Ledger.Entry::change).containsExactly(
                "batch upsert +15128880301", "batch upsert +15128880302 optedOut=true", "batch upsert +15128880301",
                "batch upsert +15128880303");
        assertThat(sandbox.requests().count("textable", "uploadContactBatch")).isEqualTo(2);
    }

    @Test
    void invalidBatchesAreRefusedBeforeAnyRequest(Sandbox sandbox) throws Exception {
        List<Map<String, Object>> big = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            big.add(Map.of("phoneNumber", "+1512888031" + i));
        }
        try (KameletCamel camel = TextableActions.start(sandbox, "textable-contact-batch-action", Map.of("maxContacts", "3"))) {
            expectInvalid(camel, big, Map.of(), "contacts");
            expectInvalid(camel, List.of(), Map.of(), "contacts");
            expectInvalid(camel, List.of(Map.of("phoneNumber", "+15128880311"), Map.of("phoneNumber", "n/a")), Map.of(),
                    "contacts[1].phoneNumber");
            expectInvalid(camel, List.of(Map.of("phoneNumber", "+15128880311", "full_name", "x")), Map.of(),
                    "contacts[0].full_name");
            expectInvalid(camel, List.of(Map.of("phoneNumber", "+15128880311", "optedOut", "yes")), Map.of(),
                    "contacts[0].optedOut");
        }
        try (KameletCamel camel = TextableActions.start(sandbox, "textable-sender-block-action", Map.of())) {
            expectInvalid(camel, null, Map.of(), "sender");
            expectInvalid(camel, null, Map.of("textableSender", "not a sender!"), "sender");
        }
        try (KameletCamel camel = TextableActions.start(sandbox, "textable-drip-apply-action", Map.of())) {
            expectInvalid(camel, null, Map.of("textableDripCampaignId", "d1"), "contactId");
            expectInvalid(camel, null, Map.of("textableContactId", "c1", "textableDripCampaignId", "a/b"), "dripCampaignId");
        }
        assertThat(sandbox.requests().entries(e -> true)).isEmpty();
    }

    @Test
    void blockedSendersAreDroppedUntilUnblocked(Sandbox sandbox) throws Exception {
        String userPhone = (String) sandbox.api(TextableApi.class).user().get("phoneNumber");
        try (KameletCamel camel = TextableActions.start(sandbox, "textable-sender-block-action", Map.of())) {
            call(camel, null, Map.of("textableSender", "(512) 888-0321"));
        }
        TextableRelayHttp.inbound(sandbox, "+15128880321", userPhone, "spam");
        try (KameletCamel camel = TextableActions.start(sandbox, "textable-sender-block-action",
                Map.of("operation", "unblock", "sender", "+15128880321"))) {
            Exchange answer = call(camel, null, Map.of());
            assertThat(JSON.readTree(answer.getMessage().getBody(String.class)).at("/results/0/action").asText())
                    .isEqualTo("unblock");
        }
        TextableRelayHttp.inbound(sandbox, "+15128880321", userPhone, "hello again");
        List<String> changes = sandbox.ledger().since(0).stream().map(Ledger.Entry::change)
                .filter(c -> c.contains("+15128880321")).toList();
        assertThat(changes).containsSubsequence("block +15128880321 for user " + sandbox.api(TextableApi.class).user().get("id"),
                "dropped: sender +15128880321 is blocked", "unblock +15128880321 for user "
                        + sandbox.api(TextableApi.class).user().get("id"), "received from +15128880321");
        assertThat(sandbox.requests().count("textable", "blockContacts")).isEqualTo(2);
    }

    @Test
    void appliesADripCampaignAndMapsTheOptedOutRefusal(Sandbox sandbox) throws Exception {
        Map<String, Object> user = sandbox.api(TextableApi.class).user();
        String token = (String) user.get("token");
        JsonNode drips = JSON.readTree(TextableRelayHttp.call(sandbox, "GET", TextablePaths.DRIP_CAMPAIGNS, token, null));
        String drip = drips.at("/drips/0/id").asText();
        String contact = JSON.readTree(TextableRelayHttp.call(sandbox, "POST", TextablePaths.CONTACTS, token,
                "{\"phoneNumber\":\"+15128880331\"}")).get("id").asText();
        String optedOut = JSON.readTree(TextableRelayHttp.call(sandbox, "POST", TextablePaths.CONTACTS, token,
                "{\"phoneNumber\":\"+15128880332\"}")).get("id").asText();
        TextableRelayHttp.inbound(sandbox, "+15128880332", (String) user.get("phoneNumber"), "STOP");
        try (KameletCamel camel = TextableActions.start(sandbox, "textable-drip-apply-action", Map.of("dripCampaignId", drip))) {
            Exchange applied = call(camel, null, Map.of("textableContactId", contact));
            JsonNode answer = JSON.readTree(applied.getMessage().getBody(String.class));
            assertThat(answer.get("dripCampaignId").asText()).isEqualTo(drip);
            assertThat(answer.get("addedDripMessages")).hasSize(2);
            assertThat(failure(camel, null, Map.of("textableContactId", optedOut))).isInstanceOfSatisfying(
                    VendorApiException.class, e -> {
                        assertThat(e.getStatus()).isEqualTo(400);
                        assertThat(e.getOperation()).isEqualTo("applyDripCampaign");
                        assertThat(e.getVendorMessage()).contains("opted out");
                    });
        }
        assertThat(ledger(sandbox, "applyDripCampaign")).extracting(Ledger.Entry::key, Ledger.Entry::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(contact, "drip " + drip + " applied"));
    }
}
