package dev.smskamelets.listrak.sms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.component.RecordFeed;
import dev.smskamelets.component.VendorEndpoint;
import dev.smskamelets.component.VendorOperation;
import dev.smskamelets.core.http.VendorRequest;
import dev.smskamelets.core.idempotent.KeyedRecord;
import java.time.Instant;
import org.apache.camel.Category;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;

/**
 * Listrak SMS REST API v1. Resources: {@code optouts} (consumer: a sender code's opt-outs by opt-out date).
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "listrak-sms", title = "Listrak SMS", syntax = "listrak-sms:resource",
             category = { Category.SAAS, Category.MOBILE }, headersClass = ListrakSmsHeaders.class)
public class ListrakSmsEndpoint extends VendorEndpoint {

    @UriParam
    private ListrakSmsConfiguration configuration;
    @UriParam(description = "The Listrak sender code (short code) id.")
    private Integer senderCodeId;

    public ListrakSmsEndpoint(String uri, ListrakSmsComponent component, ListrakSmsConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public String vendor() {
        return "listrak-sms";
    }

    @Override
    public ListrakSmsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(ListrakSmsConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected VendorOperation operation(String resource, String operation) {
        throw new IllegalArgumentException("listrak-sms has no operation '" + operation + "' on resource '" + resource
                + "'");
    }

    @Override
    protected RecordFeed feed(String resource) {
        return switch (resource) {
            case "optouts" -> optOuts();
            default -> throw new IllegalArgumentException("listrak-sms resource '" + resource
                    + "' cannot be read by a consumer: use optouts");
        };
    }

    private RecordFeed optOuts() {
        Integer senderCode = require("senderCodeId", senderCodeId);
        OptOutRecords records = new OptOutRecords();
        records.setSenderCodeId(senderCode.toString());
        records.setDefaultRegion(getDefaultRegion());
        String account = configuration.getClientId() + "-" + senderCode;
        return new RecordFeed() {
            @Override
            public String operation() {
                return "Contact_GetOptOuts";
            }

            @Override
            public String paging() {
                return "listrak-cursor";
            }

            @Override
            public String job() {
                return "listrak-sms-optout";
            }

            @Override
            public String source() {
                return "listrak-sms-optout-" + account;
            }

            @Override
            public String keyPrefix() {
                return "listrak-sms-optout:" + configuration.getClientId() + ":" + senderCode + ":";
            }

            @Override
            public VendorRequest request(Instant readFrom) {
                return VendorRequest.get("/v1/ShortCode/" + senderCode + "/OptOut", "startDate=" + readFrom);
            }

            @Override
            public KeyedRecord record(JsonNode raw) {
                return records.record(raw);
            }
        };
    }

    private static <T> T require(String option, T value) {
        if (value == null) {
            throw new IllegalArgumentException("listrak-sms needs the option '" + option + "', got none");
        }
        return value;
    }

    public Integer getSenderCodeId() {
        return senderCodeId;
    }

    public void setSenderCodeId(Integer senderCodeId) {
        this.senderCodeId = senderCodeId;
    }
}
