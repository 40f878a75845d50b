package dev.smskamelets.core.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An idle timeout for Camel Main's embedded HTTP servers (the platform-http web hook server of
 * {@code camel.server.*} and the management server of {@code camel.management.*}). Camel 4.18 offers no option for
 * it, and Vert.x's default is none: a client that opens a connection and then sends nothing, or stops half-way
 * through its request, holds the connection for ever. Both servers take the Vert.x instance from the Camel registry
 * when there is one; {@link #vertx} returns one whose {@code createHttpServer(options)} sets
 * {@link HttpServerOptions#setIdleTimeout} on the options (a connection without any read or write for that long is
 * closed) and delegates everything else to a plain Vert.x instance. Bind it before the context starts (the
 * application does, from {@code server.idle-timeout}) and {@link Vertx#close() close} it after the context stopped.
 */
public final class ServerIdleTimeout {

    private ServerIdleTimeout() {
    }

    /** A new Vert.x instance whose HTTP servers close a connection idle for {@code idleTimeout} (at least 1 ms). */
    public static Vertx vertx(Duration idleTimeout) {
        if (idleTimeout == null || idleTimeout.toMillis() < 1 || idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("server.idle-timeout must be between 1 ms and 24 days, got " + idleTimeout);
        }
        int millis = (int) idleTimeout.toMillis();
        VertxInternal delegate = (VertxInternal) Vertx.vertx();
        InvocationHandler handler = (proxy, method, args) -> {
            Object[] actual = args;
            if (method.getName().equals("createHttpServer") && args != null && args.length == 1
                    && args[0] instanceof HttpServerOptions options) {
                HttpServerOptions copy = new HttpServerOptions(options);
                copy.setIdleTimeoutUnit(TimeUnit.MILLISECONDS).setIdleTimeout(millis);
                actual = new Object[] {copy};
            } else if (method.getName().equals("toString") && args == null) {
                return "Vertx[idleTimeout=" + idleTimeout + ", " + delegate + "]";
            }
            return invoke(delegate, method, actual);
        };
        return (Vertx) Proxy.newProxyInstance(ServerIdleTimeout.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
