package dev.smskamelets.sandbox.textrequest;

import dev.smskamelets.sandbox.BadRequestException;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Text Request collection paging: 0-based {@code page}, {@code page_size} (default 100), answer
 * {@code {"items": [...], "meta": {"page", "page_size", "total_items"}}}; a negative or non-numeric value is a 400;
 * a page past the end has empty {@code items}. Operations that document 204 for "nothing there" (conversations,
 * messages) answer 204 when the whole filtered collection is empty.
 */
record TrPaging(int page, int pageSize) {

    static final int DEFAULT_PAGE_SIZE = 100;

    static TrPaging of(SandboxRequest request) {
        int page = parse("page", request.queryParam("page", "0"));
        int size = parse("page_size", request.queryParam("page_size", String.valueOf(DEFAULT_PAGE_SIZE)));
        if (size == 0) {
            throw new BadRequestException("page_size must be at least 1, got 0.");
        }
        return new TrPaging(page, size);
    }

    private static int parse(String name, String value) {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number, got '" + value + "'.");
        }
        if (n < 0) {
            throw new BadRequestException(name + " must not be negative, got " + n + ".");
        }
        return n;
    }

    /** One page of {@code all} as a response container. */
    <T> SandboxResponse respond(List<T> all, Function<T, Object> toJson, boolean emptyIs204) {
        if (emptyIs204 && all.isEmpty()) {
            return SandboxResponse.empty(204);
        }
        long from = Math.min((long) page * pageSize, all.size());
        long to = Math.min(from + pageSize, all.size());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("page", page);
        meta.put("page_size", pageSize);
        meta.put("total_items", all.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", all.subList((int) from, (int) to).stream().map(toJson).toList());
        body.put("meta", meta);
        return SandboxResponse.json(200, body);
    }
}
