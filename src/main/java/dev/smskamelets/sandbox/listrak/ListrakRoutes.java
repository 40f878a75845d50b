package dev.smskamelets.sandbox.listrak;

import dev.smskamelets.sandbox.Handler;
import dev.smskamelets.sandbox.Router;
import dev.smskamelets.sandbox.SandboxRequest;
import dev.smskamelets.sandbox.SandboxResponse;
import java.util.function.Function;

/**
 * Registers Listrak operations so that a {@link ListrakError} thrown by a handler becomes the API's own error
 * shape, and so that work due by now (contact imports finishing) happens before the handler reads state.
 */
final class ListrakRoutes {

    private final Router router;
    private final Function<ListrakError, SandboxResponse> errorShape;
    private final Runnable beforeEach;

    ListrakRoutes(Router router, Function<ListrakError, SandboxResponse> errorShape,
                  Runnable beforeEach) {
        this.router = router;
        this.errorShape = errorShape;
        this.beforeEach = beforeEach;
    }

    ListrakRoutes add(String method, String template, String operationId, Handler handler) {
        router.add(method, template, operationId, request -> {
            try {
                beforeEach.run();
                return handler.handle(request);
            } catch (ListrakError e) {
                return errorShape.apply(e);
            }
        });
        return this;
    }

    /** What the ledger calls the request: the caller's {@code X-Request-Id} if any, else method and path. */
    static String requestId(SandboxRequest request) {
        String id = request.header("x-request-id");
        return id != null ? id : request.method() + " " + request.path()
                + (request.rawQuery() == null ? "" : "?" + request.rawQuery());
    }
}
