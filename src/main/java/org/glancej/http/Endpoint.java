package org.glancej.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;

/**
 * One API path and the methods it answers. Every other method gets upstream's 405 with an {@code Allow}
 * header, and methods that take no body reject one with 400, as upstream's router does.
 */
public final class Endpoint {
    private static final Set<Method> BODYLESS = Set.of(Method.GET, Method.DELETE);
    /** Upstream lists allowed methods in this order. */
    private static final List<Method> ALLOW_ORDER =
            List.of(Method.GET, Method.POST, Method.PUT, Method.PATCH, Method.DELETE);

    private final String path;
    private final Map<Method, Handler> handlers = new LinkedHashMap<>();

    private Endpoint(String path) {
        this.path = path;
    }

    public static Endpoint at(String path) {
        return new Endpoint(path);
    }

    public Endpoint get(Handler handler) {
        return on(Method.GET, handler);
    }

    public Endpoint post(Handler handler) {
        return on(Method.POST, handler);
    }

    public Endpoint put(Handler handler) {
        return on(Method.PUT, handler);
    }

    public Endpoint patch(Handler handler) {
        return on(Method.PATCH, handler);
    }

    public Endpoint delete(Handler handler) {
        return on(Method.DELETE, handler);
    }

    /** A handler that must not receive a request body (actions, tags). */
    public Endpoint bodyless(Method method, Handler handler) {
        handlers.put(method, rejectingBody(handler));
        return this;
    }

    private Endpoint on(Method method, Handler handler) {
        handlers.put(method, BODYLESS.contains(method) ? rejectingBody(handler) : handler);
        return this;
    }

    public void register(HttpRules rules) {
        handlers.forEach((method, handler) -> rules.route(method, path, handler));
        String allow = String.join(", ", ALLOW_ORDER.stream().filter(handlers::containsKey).map(Method::text).toList());
        rules.any(path, (req, res) -> {
            throw new GlanceException(ErrorKind.METHOD_NOT_ALLOWED,
                    "The method " + req.prologue().method().text() + " is not allowed for this resource. ",
                    Map.of("Allow", allow), null);
        });
    }

    private static Handler rejectingBody(Handler handler) {
        return (req, res) -> {
            OptionalLong length = req.headers().contentLength();
            boolean chunked = req.headers().first(io.helidon.http.HeaderNames.TRANSFER_ENCODING).isPresent();
            if ((length.isPresent() && length.getAsLong() > 0) || chunked) {
                throw GlanceException.badRequest("A body is not expected with this request.");
            }
            handler.handle(req, res);
        };
    }
}
