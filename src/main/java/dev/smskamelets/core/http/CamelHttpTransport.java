package dev.smskamelets.core.http;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.Service;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.IOHelper;

/**
 * Sends {@link VendorRequest}s with camel-http on a private {@link HttpComponent}, so the library's settings
 * cannot be changed by (or leak into) the application's own {@code http} component: automatic retries off
 * (retries are ours, visible in logs), no exception on error statuses (we map them), explicit timeouts.
 * Each request goes out on a fresh exchange that carries only the request's own headers. The
 * {@link VendorClient} registers it with the Camel context, which stops it (and its connection pool) on shutdown.
 */
public final class CamelHttpTransport implements Service, AutoCloseable {

    /** The raw answer: status, content type, Retry-After and body bytes (null for none). */
    public record Answer(int status, String contentType, String retryAfter, byte[] bytes) {

        /** The charset of the body: the content type's, else UTF-8. */
        public Charset charset() {
            String name = contentType == null ? null : IOHelper.getCharsetNameFromContentType(contentType);
            try {
                return name == null || name.isBlank() ? StandardCharsets.UTF_8 : Charset.forName(name);
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }

        /** The body as text in its {@link #charset()} (decoded on each call), or null. */
        public String body() {
            return bytes == null ? null : new String(bytes, charset());
        }
    }

    /**
     * Answers up to this size with a Content-Length are read straight into one array (camel-http's
     * {@code responsePayloadStreamingThreshold}) instead of a stream cache copied again into text: the whole body is
     * read into memory in both cases.
     */
    static final int READ_WHOLE_UP_TO = 64 * 1024 * 1024;

    private final HttpComponent component;
    private final Endpoint endpoint;
    private final Producer producer;

    public CamelHttpTransport(CamelContext context, String baseUrl, Duration connectTimeout, Duration readTimeout) {
        try {
            component = new HttpComponent();
            component.setCamelContext(context);
            component.setAutomaticRetriesDisabled(true);
            component.setConnectTimeout(connectTimeout.toMillis());
            component.setResponseTimeout(readTimeout.toMillis());
            component.setSoTimeout(readTimeout.toMillis());
            component.setFollowRedirects(false);
            component.setResponsePayloadStreamingThreshold(READ_WHOLE_UP_TO);
            ServiceHelper.startService(component);
            // deleteWithBody: a DELETE that carries a body (Listrak Two-Way DELETE /tickets) sends it; camel-http drops it
            // by default. A request without a body still goes out without one.
            endpoint = component.createEndpoint(stripSlash(baseUrl) + "?throwExceptionOnFailure=false&deleteWithBody=true");
            ServiceHelper.startService(endpoint);
            producer = endpoint.createProducer();
            ServiceHelper.startService(producer);
        } catch (Exception e) {
            throw new IllegalArgumentException("Cannot create an HTTP client for baseUrl '" + baseUrl + "': " + e, e);
        }
    }

    /** Sends one request; an {@link IOException} means no answer (reset, timeout, refused). */
    public Answer send(VendorRequest request, Map<String, String> headers) throws IOException {
        Exchange exchange = endpoint.createExchange();
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, request.method());
        exchange.getIn().setHeader(Exchange.HTTP_PATH, request.path());
        if (request.query() != null && !request.query().isEmpty()) {
            exchange.getIn().setHeader(Exchange.HTTP_QUERY, request.query());
        }
        if (request.contentType() != null) {
            exchange.getIn().setHeader(Exchange.CONTENT_TYPE, request.contentType());
        }
        headers.forEach(exchange.getIn()::setHeader);
        exchange.getIn().setHeader("Accept", "application/json");
        if (request.stream() != null) {
            // camel-http sends an HttpEntity as is: streamed, with Content-Length when known
            exchange.getIn().setBody(new org.apache.hc.core5.http.io.entity.InputStreamEntity(request.stream().open(),
                    request.stream().length(), org.apache.hc.core5.http.ContentType.parse(
                            request.contentType() == null ? "application/json" : request.contentType())));
        } else {
            exchange.getIn().setBody(request.body());
        }
        try {
            producer.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (failure != null) {
            Throwable io = failure;
            while (io != null && !(io instanceof IOException)) {
                io = io.getCause();
            }
            throw io instanceof IOException e ? e : new IOException(failure.toString(), failure);
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Object body = exchange.getMessage().getBody();
        return new Answer(status == null ? 0 : status,
                exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class),
                exchange.getMessage().getHeader("Retry-After", String.class),
                body == null || body instanceof byte[] ? (byte[]) body : exchange.getMessage().getBody(byte[].class));
    }

    /** Started by the constructor. */
    @Override
    public void start() {
    }

    /** Stops the producer, endpoint and private component (Camel calls it when the context shuts down). */
    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        ServiceHelper.stopAndShutdownServices(producer, endpoint, component);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
