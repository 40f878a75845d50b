package dev.smskamelets.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.smskamelets.core.http.VendorApiException.Kind;
import dev.smskamelets.test.MockVendor;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Error bodies exactly as the vendors' specs show them, served by a local mock (not the sandbox): the vendor's
 * code and message reach {@link VendorApiException}.
 */
class VendorErrorBodiesTest {

    DefaultCamelContext camel;
    MockVendor vendor;

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
        vendor = MockVendor.start();
    }

    @AfterEach
    void stop() {
        vendor.close();
        camel.stop();
    }

    VendorApiException call(String operation, String path) {
        return call(operation, path, null);
    }

    VendorApiException call(String operation, String path, String body) {
        VendorClient client = new VendorClient();
        client.setVendor("textrequest");
        client.setOperation(operation);
        client.setBaseUrl(vendor.url() + "/api/v3");
        client.setAuthType("api-key");
        client.setApiKey("tr-key-for-error-bodies");
        client.setRequestsPerSecond(1000);
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(Exchange.HTTP_PATH, path);
        exchange.getIn().setBody(body);
        return catchThrowableOfType(() -> client.process(exchange), VendorApiException.class);
    }

    @Test
    void textRequestSpecErrorSchemaGivesCodeAndMessage() {
        // textrequest.yaml, GET /dashboards/provisioned_numbers 400: the `error` schema's own example.
        vendor.on("GET", "/api/v3/dashboards/provisioned_numbers", req -> MockVendor.json(400,
                "{\"error_message\": \"A three digit area code must be supplied.\", \"error_code\": \"parameterInvalid\"}"));

        VendorApiException e = call("Dashboards_getProvisionedNumbers", "/dashboards/provisioned_numbers");

        assertThat(e.getStatus()).isEqualTo(400);
        assertThat(e.getVendorCode()).isEqualTo("parameterInvalid");
        assertThat(e.getVendorMessage()).isEqualTo("A three digit area code must be supplied.");
        assertThat(e.getKind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.getMessage()).isEqualTo("textrequest Dashboards_getProvisionedNumbers failed with HTTP 400 "
                + "[parameterInvalid]: A three digit area code must be supplied. (permanent)");
    }

    @Test
    void textRequestSpecErrorWithMessageOnlyGivesTheMessage() {
        // textrequest.yaml, POST /mms_media 401 example: error_message without error_code.
        vendor.on("POST", "/api/v3/mms_media", req -> MockVendor.json(401,
                "{\"error_message\": \"The Authorization request header is missing.\"}"));

        VendorApiException e = call("Mms_uploadMedia", "/mms_media", "{\"mime_type\": \"image/png\"}");

        assertThat(e.getStatus()).isEqualTo(401);
        assertThat(e.getVendorCode()).isNull();
        assertThat(e.getVendorMessage()).isEqualTo("The Authorization request header is missing.");
        assertThat(e.getKind()).isEqualTo(Kind.AUTH);
        assertThat(e.getMessage()).doesNotContain("unexpected body");
    }

    @Test
    void textRequestDocumentedErrorWithNullCodeGivesTheMessage() {
        // textrequest.yaml, "Error Handling": {status, errorCode: null, message}.
        vendor.on("GET", "/api/v3/dashboards/101/contacts/2125550123", req -> MockVendor.json(400,
                "{\"status\": 400, \"errorCode\": null, \"message\": \"A first name must be specified.\"}"));

        VendorApiException e = call("Contacts_getContact", "/dashboards/101/contacts/2125550123");

        assertThat(e.getVendorCode()).isNull();
        assertThat(e.getVendorMessage()).isEqualTo("A first name must be specified.");
    }
}
