package dev.smskamelets.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a method and a path (relative to a vendor API's prefix) against path templates such as
 * {@code /v1/ShortCode/{senderCodeId}/Contact/{phoneNumber}}. A literal segment wins over a parameter, so
 * {@code /contacts/bulk} is not taken for {@code /contacts/{id}}.
 */
public final class Router {

    /** A registered operation. */
    public record Route(String method, String template, String operationId, Handler handler, String[] segments) {
        int literalCount() {
            int n = 0;
            for (String s : segments) {
                if (!s.startsWith("{")) {
                    n++;
                }
            }
            return n;
        }
    }

    /** The outcome of a successful match. */
    public record Match(Route route, Map<String, String> pathParams) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String template, String operationId, Handler handler) {
        routes.add(new Route(method, template, operationId, handler, split(template)));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The best match, or null when no template fits; {@link #pathKnown(String)} tells 404 from 405. */
    public Match match(String method, String path) {
        String[] parts = split(path);
        Match best = null;
        int bestLiterals = -1;
        for (Route route : routes) {
            if (!route.method.equalsIgnoreCase(method) || route.segments.length != parts.length) {
                continue;
            }
            Map<String, String> params = matchSegments(route.segments, parts);
            if (params != null && route.literalCount() > bestLiterals) {
                best = new Match(route, params);
                bestLiterals = route.literalCount();
            }
        }
        return best;
    }

    public boolean pathKnown(String path) {
        String[] parts = split(path);
        return routes.stream().anyMatch(r -> r.segments.length == parts.length && matchSegments(r.segments, parts) != null);
    }

    private static Map<String, String> matchSegments(String[] template, String[] parts) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), parts[i]);
            } else if (!t.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }
}
