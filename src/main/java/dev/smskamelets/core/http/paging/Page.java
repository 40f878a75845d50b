package dev.smskamelets.core.http.paging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of records and where to go next.
 *
 * @param records the page's records, in vendor order
 * @param next    token of the next page (cursor, page index, watermark); what a checkpoint stores once every
 *                record of this page was handed off; null when a complete pass should start over next time
 * @param more    whether another page should be fetched now
 */
public record Page(List<JsonNode> records, String next, boolean more) {
}
