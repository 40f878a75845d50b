package dev.smskamelets.component;

/**
 * What one poll of a vendor source did: for run summaries, metrics and tests.
 *
 * @param endpointUri the source endpoint (credentials masked)
 * @param pages       pages fetched
 * @param read        records read
 * @param emitted     records handed to the route (or inside the lists handed, with {@code batch=true})
 * @param skipped     records not emitted because an earlier pass handed them off already
 * @param stop        why the pass stopped (a {@code PageGuard.Stop} name, {@code FAILED}, or {@code END})
 * @param failure     the failure that ended the pass, or null
 */
public record SourcePass(String endpointUri, int pages, long read, long emitted, long skipped, String stop,
                         Throwable failure) {

    /**
     * True when the pass read the list to its end (its paging stopped at the last, an empty or a short page) without a
     * failure: a pass cut short (shutdown, page cap, a vendor paging fault, a failed record) is not complete.
     */
    public boolean complete() {
        return failure == null && ("LAST_PAGE".equals(stop) || "EMPTY_PAGE".equals(stop) || "SHORT_PAGE".equals(stop));
    }

    /** The id of the route whose source made this pass, null when no route of {@code context} reads that endpoint. */
    public String routeId(org.apache.camel.CamelContext context) {
        for (org.apache.camel.Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof VendorEndpoint
                    && org.apache.camel.util.URISupport.sanitizeUri(route.getEndpoint().getEndpointUri()).equals(endpointUri)) {
                return route.getRouteId();
            }
        }
        return null;
    }
}
