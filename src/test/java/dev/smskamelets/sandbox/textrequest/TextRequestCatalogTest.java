package dev.smskamelets.sandbox.textrequest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.sandbox.Sandbox;
import dev.smskamelets.test.SandboxExtension;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Text Request dashboards, tags, groups, custom fields and keywords: CRUD, validation and their effect on contacts. */
class TextRequestCatalogTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension().option("textrequest.contacts", 20);

    @Test
    void keywordsCreateAGroupThatTextingTheKeywordJoins(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        JsonNode keyword = http.json("POST", "/dashboards/101/keywords", "{\"keyword_value\":\"DEALS\",\"response\":\"Welcome!\"}", 200);
        int group = keyword.get("group_id").asInt();
        assertThat(http.get("/dashboards/101/groups/" + group).get("is_keyword").asBoolean()).isTrue();
        assertThat(http.call("POST", "/dashboards/101/keywords", "{\"keyword_value\":\"deals\"}").statusCode()).isEqualTo(400);
        http.json("POST", "/sandbox/textrequest/inbound", "{\"dashboard_id\":101,\"from\":\"3216660001\",\"body\":\"deals\"}", 200);
        JsonNode members = http.get("/dashboards/101/contacts?groups=" + group);
        assertThat(members.get("meta").get("total_items").asInt()).isEqualTo(1);
        assertThat(members.get("items").get(0).get("phone_number").asText()).isEqualTo("13216660001");
        assertThat(http.get("/dashboards/101/keywords/" + keyword.get("id").asInt()).get("subscribers_count").asInt()).isEqualTo(1);
        assertThat(http.call("DELETE", "/dashboards/101/keywords/" + keyword.get("id").asInt(), null).statusCode()).isEqualTo(204);
        assertThat(http.call("GET", "/dashboards/101/keywords/" + keyword.get("id").asInt(), null).statusCode()).isEqualTo(204);
    }

    @Test
    void tagsAndGroupsAreRenamedAndDeletedFromTheirContacts(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        String tag = http.json("POST", "/dashboards/102/tags", "{\"tag\":\"Gold\",\"tag_color\":\"#FFD700\"}", 200).get("id").asText();
        assertThat(http.call("POST", "/dashboards/102/tags", "{\"tag\":\"gold\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> badColor = http.call("POST", "/dashboards/102/tags", "{\"tag\":\"Silver\",\"tag_color\":\"silver\"}");
        assertThat(badColor.statusCode()).isEqualTo(400);
        assertThat(badColor.body()).contains("tag_color").contains("silver");
        assertThat(http.json("PUT", "/dashboards/102/tags/" + tag, "{\"tag\":\"Platinum\",\"tag_color\":\"#E5E4E2\"}", 200)
                .get("tag").asText()).isEqualTo("Platinum");
        int group = http.json("POST", "/dashboards/102/groups", "{\"name\":\"Staff\",\"notes\":\"all staff\"}", 200).get("id").asInt();
        http.json("POST", "/dashboards/102/contacts/14236660001", "{\"contact_tags\":[\"" + tag + "\"],\"groups\":[" + group + "]}", 200);
        assertThat(http.get("/dashboards/102/groups/" + group).get("group_member_count").asInt()).isEqualTo(1);
        assertThat(http.json("PUT", "/dashboards/102/groups/" + group, "{\"name\":\"Team\"}", 200).get("name").asText()).isEqualTo("Team");
        assertThat(http.call("DELETE", "/dashboards/102/tags/" + tag, null).statusCode()).isEqualTo(204);
        assertThat(http.call("DELETE", "/dashboards/102/groups/" + group, null).statusCode()).isEqualTo(204);
        JsonNode contact = http.get("/dashboards/102/contacts/14236660001");
        assertThat(contact.get("contact_tags")).isEmpty();
        assertThat(contact.get("groups")).isEmpty();
        assertThat(http.call("DELETE", "/dashboards/102/tags/" + tag, null).statusCode()).isEqualTo(404);
        HttpResponse<String> unknownTag = http.call("POST", "/dashboards/102/contacts/14236660001", "{\"contact_tags\":[\"" + tag + "\"]}");
        assertThat(unknownTag.statusCode()).isEqualTo(400);
        assertThat(unknownTag.body()).contains(tag);
    }

    @Test
    void customFieldsCannotBeDeletedWhileContactsHoldValues(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        String field = http.json("POST", "/dashboards/102/fields", "{\"name\":\"Shoe size\"}", 200).get("id").asText();
        http.json("POST", "/dashboards/102/contacts/14236660002", "{\"custom_fields\":[{\"id\":\"" + field + "\",\"value\":\"42\"}]}", 200);
        assertThat(http.get("/dashboards/102/contacts?custom_field_id_1=" + field + "&custom_field_value_1=42")
                .get("meta").get("total_items").asInt()).isEqualTo(1);
        HttpResponse<String> refused = http.call("DELETE", "/dashboards/102/fields/" + field, null);
        assertThat(refused.statusCode()).isEqualTo(400);
        http.json("POST", "/dashboards/102/contacts/14236660002", "{\"custom_fields\":[]}", 200);
        assertThat(http.call("DELETE", "/dashboards/102/fields/" + field, null).statusCode()).isEqualTo(204);
        assertThat(http.call("DELETE", "/dashboards/102/fields/" + field, null).statusCode()).isEqualTo(204);
        assertThat(http.json("PUT", "/dashboards/102/fields/" + http.get("/dashboards/102/fields").get(0).get("id").asText(),
                "{\"name\":\"E-mail\"}", 200).get("name").asText()).isEqualTo("E-mail");
    }

    @Test
    void dashboardsAreCreatedFromProvisionedNumbersAndRenamed(Sandbox sandbox) {
        TrHttp http = new TrHttp(sandbox);
        JsonNode numbers = http.get("/dashboards/provisioning?area_code=704");
        assertThat(numbers).hasSize(30);
        assertThat(numbers.get(0).asText()).startsWith("1704");
        HttpResponse<String> badArea = http.call("GET", "/dashboards/provisioning?area_code=12", null);
        assertThat(badArea.statusCode()).isEqualTo(400);
        JsonNode created = http.json("POST", "/dashboards", "{\"name\":\"Support\",\"phone\":\"" + numbers.get(0).asText() + "\"}", 200);
        int id = created.get("id").asInt();
        assertThat(http.call("POST", "/dashboards", "{\"name\":\"Dup\",\"phone\":\"" + numbers.get(0).asText() + "\"}").statusCode())
                .isEqualTo(400);
        assertThat(http.json("PUT", "/dashboards/" + id, "{\"name\":\"Support line\"}", 200).get("name").asText()).isEqualTo("Support line");
        assertThat(http.get("/dashboards").get("meta").get("total_items").asInt()).isEqualTo(3);
        assertThat(sandbox.ledger().entries()).extracting(e -> e.entity() + ":" + e.change())
                .contains("dashboard:created " + numbers.get(0).asText(), "dashboard:renamed Support line");
    }
}
