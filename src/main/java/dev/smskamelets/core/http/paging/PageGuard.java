package dev.smskamelets.core.http.paging;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a paged pass, the same for every {@link PagingStyle}: a vendor's own end marker (no cursor,
 * {@code meta.total_items} reached, a window that did not move) is not trusted alone. A pass stops on
 * <ul>
 *   <li>an empty page, or a short one (fewer records than the page size asked for, or than the vendor says it
 *       served);</li>
 *   <li>a page whose record keys all repeat the previous page's (its records are not handed on again): a Text
 *       Request list claiming {@code total_items} 30,256,896 while serving the same 2 records on every page;</li>
 *   <li>a next token (Listrak cursor) already read in this pass;</li>
 *   <li>{@code maxPages} pages in one pass: the rest waits for the next pass, which resumes at the page checkpoint
 *       when there is one.</li>
 * </ul>
 * A record's key is its {@code id} when it has a scalar one, else its whole content: a 64-bit hash of the parsed
 * tree (field names, types and values in order; nothing is serialised), kept only for the previous page. One guard per pass; {@link #check} logs once why the pass stopped.
 */
public final class PageGuard {

    private static final Logger LOG = LoggerFactory.getLogger(PageGuard.class);

    /** Why a pass stopped; {@link #complete} is false when records may remain unread. */
    public enum Stop {
        LAST_PAGE(true), EMPTY_PAGE(true), SHORT_PAGE(true), REPEATED_PAGE(false), REPEATED_CURSOR(false),
        PAGE_CAP(false);

        public final boolean complete;

        Stop(boolean complete) {
            this.complete = complete;
        }
    }

    private final String label;
    private final int maxPages;
    private final boolean checkpointed;
    private boolean quiet;
    private final Set<String> tokens = new HashSet<>();
    private long[] previousKeys = {};
    private int pages;
    private long records;
    private Stop stop;

    /**
     * @param label        names the list in the log line (vendor and operation)
     * @param maxPages     pages per pass at most (at least 1)
     * @param checkpointed whether a page checkpoint lets the next pass resume where a capped one stopped
     */
    public PageGuard(String label, int maxPages, boolean checkpointed) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be >= 1, got " + maxPages);
        }
        this.label = label;
        this.maxPages = maxPages;
        this.checkpointed = checkpointed;
    }

    /**
     * Judges the page read at {@code token}: returns it as is while the pass goes on, or with {@code more} false
     * (records dropped when they repeat the previous page, next token per {@link PagingStyle#afterLastPage}, or the
     * next page's token under the page cap) once it ends, and logs why.
     *
     * @param pageSize the page size in force: the one asked for, or the smaller one the vendor says it served
     */
    public Page check(PagingStyle style, String token, Page page, int pageSize) {
        tokens.add(token);
        pages++;
        List<JsonNode> got = page.records();
        long[] keys = keys(got);
        if (!got.isEmpty() && previousKeys.length > 0 && allIn(keys, previousKeys)) {
            return end(Stop.REPEATED_PAGE, "the page at '" + token + "' repeats the previous page's " + keys.length
                    + " record key(s) (a vendor paging fault); its records are not handed on again",
                    new Page(List.of(), style.afterLastPage(page), false));
        }
        previousKeys = keys;
        records += got.size();
        if (got.isEmpty()) {
            return end(Stop.EMPTY_PAGE, "empty page", new Page(got, style.afterLastPage(page), false));
        }
        if (got.size() < pageSize) {
            return end(Stop.SHORT_PAGE, "short page (" + got.size() + " of " + pageSize + " records)",
                    new Page(got, style.afterLastPage(page), false));
        }
        if (!page.more()) {
            return end(Stop.LAST_PAGE, "last page (" + style.lastPageMarker() + ")", page);
        }
        if (page.next() != null && tokens.contains(page.next())) {
            return end(Stop.REPEATED_CURSOR, "cursor '" + page.next() + "' repeats one already read in this pass"
                    + " (a vendor paging fault)", new Page(got, style.afterLastPage(page), false));
        }
        if (pages >= maxPages) {
            return end(Stop.PAGE_CAP, "page cap reached (maxPages " + maxPages + "); "
                    + (checkpointed ? "the next pass resumes at the checkpoint"
                    : "no page checkpoint is set, so the next pass starts over: raise maxPages or set one"),
                    new Page(got, page.next(), false));
        }
        return page;
    }

    private Page end(Stop why, String reason, Page page) {
        stop = why;
        if (why.complete && quiet) {
            LOG.debug("{}: paging stopped after {} page(s), {} record(s): {}", label, pages, records, reason);
        } else if (why.complete) {
            LOG.info("{}: paging stopped after {} page(s), {} record(s): {}", label, pages, records, reason);
        } else {
            LOG.warn("{}: paging stopped after {} page(s), {} record(s): {}", label, pages, records, reason);
        }
        return page;
    }

    /** Logs a complete pass's end at DEBUG instead of INFO (short lookups read per exchange); WARNs stay. */
    public PageGuard quiet() {
        quiet = true;
        return this;
    }

    /** Why the pass stopped, null while it goes on. */
    public Stop stop() {
        return stop;
    }

    /** Pages read in this pass. */
    public int pages() {
        return pages;
    }

    /** The records' key hashes, in page order. */
    private static long[] keys(List<JsonNode> records) {
        long[] keys = new long[records.size()];
        int i = 0;
        for (JsonNode record : records) {
            JsonNode id = record.get("id");
            keys[i++] = id != null && id.isValueNode() && !id.isNull() ? text(ID, id.asText()) : tree(RECORD, record);
        }
        return keys;
    }

    /**
     * Whether every hash of {@code keys} (not empty) is in {@code previous}. A page that does not repeat the previous
     * one almost always has a first key the previous page lacks: that is one scan, and only a page passing it pays for
     * sorting the previous page's keys.
     */
    static boolean allIn(long[] keys, long[] previous) {
        boolean first = false;
        for (long key : previous) {
            if (key == keys[0]) {
                first = true;
                break;
            }
        }
        if (!first) {
            return false;
        }
        long[] sorted = previous.clone();
        Arrays.sort(sorted);
        for (long key : keys) {
            if (Arrays.binarySearch(sorted, key) < 0) {
                return false;
            }
        }
        return true;
    }

    private static final long PRIME = 0x100000001b3L;
    private static final long ID = 0xcbf29ce484222325L;
    private static final long RECORD = ID * PRIME;

    /**
     * A 64-bit hash of a record's content, walked in the tree rather than serialised: every field name, node type and
     * scalar value counts (in field order), so two records hash alike only when they would print alike.
     */
    static long tree(long h, JsonNode node) {
        h = (h ^ node.getNodeType().ordinal()) * PRIME;
        if (node.isObject()) {
            for (java.util.Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                h = tree(text(h, field.getKey()), field.getValue());
            }
            h = (h ^ '}') * PRIME;
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                h = tree(h, item);
            }
            h = (h ^ ']') * PRIME;
        } else if (node.isTextual()) {
            h = text(h, node.textValue());
        } else if (node.isIntegralNumber() && node.canConvertToLong()) {
            h = mix(h, node.longValue());
        } else if (node.isNumber()) {
            h = text(h, node.asText());
        } else if (node.isBoolean()) {
            h = (h ^ (node.booleanValue() ? 1 : 2)) * PRIME;
        } else if (!node.isNull() && !node.isMissingNode()) {
            h = text(h, node.toString()); // binary or POJO nodes: rare, as printed
        }
        return h;
    }

    /**
     * {@code text} into the hash: its {@link String#hashCode()} (cached in the string: free for field names, which the
     * parser interns) and its length, so "ab","c" differs from "a","bc". Two different records hashing alike would need
     * every field to collide; a page is judged repeated only when all its hashes are in the previous page's.
     */
    private static long text(long h, String text) {
        return mix(mix(h, text.hashCode()), text.length());
    }

    private static long mix(long h, long value) {
        h = (h ^ value) * PRIME;
        return h ^ (h >>> 29);
    }
}
