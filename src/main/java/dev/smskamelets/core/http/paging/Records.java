package dev.smskamelets.core.http.paging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.smskamelets.core.http.VendorApiException;
import dev.smskamelets.core.http.VendorErrors;
import dev.smskamelets.core.http.VendorResponse;
import java.util.ArrayList;
import java.util.List;

/** Reads the record array of a page; a page without it breaks the contract and fails loudly. */
final class Records {

    private Records() {
    }

    static List<JsonNode> of(VendorResponse response, String field, String vendor) {
        JsonNode json = response.json();
        if (json == null) {
            return List.of();
        }
        JsonNode items = json.isArray() ? json : json.get(field);
        if (items == null || items.isNull()) {
            return List.of();
        }
        if (!items.isArray()) {
            throw new VendorApiException(vendor, "page", response.status(), "CONTRACT",
                    "page field '" + field + "' is not an array: " + VendorErrors.excerpt(response.body()),
                    VendorApiException.Kind.PERMANENT);
        }
        List<JsonNode> records = new ArrayList<>(items.size());
        items.forEach(records::add);
        return records;
    }
}
