package dev.smskamelets.core.http;

import dev.smskamelets.core.http.paging.Page;
import dev.smskamelets.core.http.paging.PageCheckpoint;
import dev.smskamelets.core.http.paging.PageGuard;
import dev.smskamelets.core.http.paging.PagingStyle;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The one piece a vendor kamelet uses to talk to its API: a bean declared in the kamelet's {@code beans:} and
 * configured from kamelet properties (auth, pacing, retries, paging). As a {@link Processor} it sends the
 * exchange's request ({@code CamelHttpMethod}, {@code CamelHttpPath}, {@code CamelHttpQuery}, body) and puts the
 * vendor's JSON answer in the body; {@link #fetchPage} and {@link #commitPage} drive paged reads in a
 * {@code loop}/{@code split} (see {@code docs/core.md}). Errors end in a {@link VendorApiException}.
 *
 * <p>Retries live in here, not in a Camel error handler: a kamelet's route runs without an error handler by
 * default ({@code noErrorHandler=true}), or inherits the caller's, so redelivery would repeat the whole kamelet
 * (a paged read from page one) under a policy the kamelet does not control.
 */
public class VendorClient extends VendorClientSettings implements Processor {

    /**
     * Exchange property naming the operation of the next call in errors (overrides the {@code operation} property).
     * It is consumed by that call ({@link #process}, {@link #fetchAll}): a kamelet chained after on the same
     * exchange never inherits it.
     */
    public static final String OPERATION = "vendorOperation";
    /** Exchange property (Boolean) overriding {@code expectJson} for the next call only (false for bodiless answers). */
    public static final String EXPECT_JSON = "vendorExpectJson";
    /** Exchange property: token of the next page to fetch (null before the first). */
    public static final String PAGE_TOKEN = "vendorPageToken";
    /** Exchange property: false once the last page was fetched. */
    public static final String PAGE_MORE = "vendorPageMore";
    /** Exchange property: the {@link PageGuard} of the pass under way. */
    public static final String PAGE_GUARD = "vendorPageGuard";
    /** Exchange property: why the pass stopped ({@link PageGuard.Stop} name), once it did. */
    public static final String PAGE_STOP = "vendorPageStop";

    private volatile RetryingCaller caller;
    private volatile PagingStyle style;
    private volatile PageCheckpoint pageCheckpoint;

    @Override
    public void process(Exchange exchange) {
        String operation = takeOperation(exchange);
        Object expect = exchange.removeProperty(EXPECT_JSON);
        boolean json = expect == null ? expectJson
                : Boolean.TRUE.equals(exchange.getContext().getTypeConverter().convertTo(Boolean.class, expect));
        Message in = exchange.getIn();
        StreamBody stream = streamBody(in.getBody());
        byte[] body = stream == null ? bodyBytes(in) : null;
        String method = in.getHeader(Exchange.HTTP_METHOD, body == null ? "GET" : "POST", String.class);
        if (stream != null) {
            method = in.getHeader(Exchange.HTTP_METHOD, "POST", String.class);
        }
        VendorRequest request = new VendorRequest(method, in.getHeader(Exchange.HTTP_PATH, "", String.class),
                in.getHeader(Exchange.HTTP_QUERY, String.class), body == null && stream == null ? null
                : in.getHeader(Exchange.CONTENT_TYPE, "application/json", String.class), body, stream);
        VendorResponse response = caller(exchange.getContext()).call(operation, request, json);
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        in.setBody(response.body());
    }

    /** A body to stream: a {@link StreamBody}, a {@link java.nio.file.Path} or a {@link java.io.File}. */
    private static StreamBody streamBody(Object raw) {
        if (raw instanceof StreamBody stream) {
            return stream;
        }
        if (raw instanceof java.nio.file.Path path) {
            return StreamBody.ofFile(path);
        }
        return raw instanceof java.io.File file ? StreamBody.ofFile(file.toPath()) : null;
    }

    /** The request body: text and bytes as they are, anything else (a Map, a POJO) as JSON; empty = none. */
    private byte[] bodyBytes(Message in) {
        Object raw = in.getBody();
        if (raw == null) {
            return null;
        }
        byte[] bytes;
        if (raw instanceof String || raw instanceof byte[] || raw instanceof java.io.InputStream) {
            bytes = in.getBody(byte[].class);
        } else {
            try {
                bytes = VendorErrors.MAPPER.writeValueAsBytes(raw);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("The " + vendor + " request body of type "
                        + raw.getClass().getName() + " cannot be written as JSON: " + e.getMessage(), e);
            }
        }
        return bytes == null || bytes.length == 0 ? null : bytes;
    }

    /**
     * Fetches the next page of the list at {@code CamelHttpPath} (+ {@code CamelHttpQuery}): the body becomes the
     * page's records, one JSON string each, in order; {@value #PAGE_MORE} tells whether to loop again. A
     * {@link PageGuard} per pass (in {@value #PAGE_GUARD}) ends the pass on an empty, short or repeated page, a
     * repeated cursor or {@code maxPages}, and logs why; {@value #PAGE_STOP} names the reason.
     */
    public void fetchPage(Exchange exchange) {
        PagingStyle paging = style();
        PageCheckpoint checkpoint = checkpoint(exchange.getContext());
        String token = exchange.getProperty(PAGE_TOKEN, String.class);
        if (token == null) {
            token = checkpoint == null ? null : checkpoint.restore();
            token = token == null ? paging.first() : token;
        }
        PageGuard guard = exchange.getProperty(PAGE_GUARD, PageGuard.class);
        if (guard == null) {
            guard = new PageGuard(vendor + " " + operation(exchange), maxPages, checkpoint != null);
            exchange.setProperty(PAGE_GUARD, guard);
        }
        Message in = exchange.getIn();
        Page page = nextPage(exchange.getContext(), operation(exchange), VendorRequest.get(
                in.getHeader(Exchange.HTTP_PATH, "", String.class), in.getHeader(Exchange.HTTP_QUERY, String.class)),
                token, guard);
        in.setBody(page.records().stream().map(Object::toString).toList());
        exchange.setProperty(PAGE_TOKEN, page.next());
        exchange.setProperty(PAGE_MORE, page.more());
        if (guard.stop() != null) {
            exchange.setProperty(PAGE_STOP, guard.stop().name());
        }
    }

    /**
     * Fetches the page at {@code token} of the list {@code list} (path and fixed query), checked by {@code guard}:
     * the records as parsed once ({@link com.fasterxml.jackson.databind.JsonNode}s), the next token and whether to go
     * on. The building block of the components' polling consumers and of {@link #fetchPage}.
     */
    public Page nextPage(CamelContext context, String operation, VendorRequest list, String token, PageGuard guard) {
        PagingStyle paging = style();
        int size = pageSize > 0 ? pageSize : paging.defaultPageSize();
        VendorResponse response = caller(context).call(operation, list.withQuery(paging.params(token, size)), true);
        return guard.check(paging, token, paging.read(response, token, size), paging.servedPageSize(response, size));
    }

    /** The paging style of this client ({@code paging} property). */
    public PagingStyle pagingStyle() {
        return style();
    }

    /** The page checkpoint of this client ({@code checkpoint*} properties), or null. */
    public PageCheckpoint pageCheckpoint(CamelContext context) {
        return checkpoint(context);
    }

    public int getMaxPages() {
        return maxPages;
    }

    public String getOperation() {
        return operation;
    }

    /**
     * Reads every page of a (short) list — lookups such as lists or fields — and sets the body to one JSON array
     * of all records. Ignores the checkpoint; for long lists use {@link #fetchPage} in a loop instead.
     */
    public void fetchAll(Exchange exchange) {
        String operation = takeOperation(exchange);
        StringBuilder all = new StringBuilder("[");
        exchange.removeProperty(PAGE_TOKEN);
        PagingStyle paging = style();
        String token = paging.first();
        int size = pageSize > 0 ? pageSize : paging.defaultPageSize();
        Message in = exchange.getIn();
        PageGuard guard = new PageGuard(vendor + " " + operation, maxPages, false).quiet();
        boolean more = true;
        while (more) {
            VendorRequest request = VendorRequest.get(in.getHeader(Exchange.HTTP_PATH, "", String.class),
                    in.getHeader(Exchange.HTTP_QUERY, String.class)).withQuery(paging.params(token, size));
            VendorResponse response = caller(exchange.getContext()).call(operation, request, true);
            Page page = guard.check(paging, token, paging.read(response, token, size),
                    paging.servedPageSize(response, size));
            page.records().forEach(r -> all.append(all.length() > 1 ? "," : "").append(r));
            more = page.more();
            token = page.next();
        }
        in.setBody(all.append(']').toString());
    }

    /** After every record of the page was handed off: checkpoint where the next page starts. */
    public void commitPage(Exchange exchange) {
        PageCheckpoint checkpoint = checkpoint(exchange.getContext());
        if (checkpoint != null) {
            checkpoint.save(exchange.getProperty(PAGE_TOKEN, String.class));
        }
    }

    private PageCheckpoint checkpoint(CamelContext context) {
        PageCheckpoint current = pageCheckpoint;
        if (current == null && checkpointBean != null) {
            current = PageCheckpoint.of(checkpointBean, "checkpointBean", checkpointKey(), paging);
        } else if (current == null && checkpointRepository != null) {
            current = PageCheckpoint.of((Object) checkpointRepository, "checkpointRepository", checkpointKey(), paging);
        } else if (current == null && checkpoint != null && !checkpoint.isBlank()) {
            current = PageCheckpoint.of(context, checkpoint, checkpointKey(), paging);
        }
        pageCheckpoint = current;
        return current;
    }

    private String checkpointKey() {
        return checkpointKey != null ? checkpointKey : vendor + ":" + baseUrl + ":" + paging;
    }

    /** The operation of a paged read: the override lasts the whole loop of {@link #fetchPage} calls. */
    private String operation(Exchange exchange) {
        return exchange.getProperty(OPERATION, operation, String.class);
    }

    /** The operation of one call, removing the override so it names this call only. */
    private String takeOperation(Exchange exchange) {
        Object named = exchange.removeProperty(OPERATION);
        return named == null ? operation : named.toString();
    }

    private PagingStyle style() {
        if (style == null) {
            if (paging == null) {
                throw new IllegalArgumentException("fetchPage needs the 'paging' property of the " + vendor + " client");
            }
            style = PagingStyle.named(paging, itemsField, timestampField);
        }
        return style;
    }

    /** The caller, built on first use from the settings. */
    public RetryingCaller caller(CamelContext context) {
        RetryingCaller current = caller;
        if (current == null) {
            synchronized (this) {
                if (caller == null) {
                    caller = CallerAssembly.build(this, context);
                }
                current = caller;
            }
        }
        return current;
    }

    /** The pacing key: explicit, else vendor + client id (OAuth2) or a hash of the API key. */
    public String account() {
        return CallerAssembly.account(this);
    }

    @Override
    public String toString() {
        return "VendorClient[" + vendor + " " + baseUrl + ", auth=" + authType + ", account=" + account() + "]";
    }
}
