package org.glancej.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.function.Function;
import org.glancej.auth.RequestContext;

/** Establishes each request's {@link RequestContext} once, before routing, and hands it to resources. */
public final class RequestContexts implements Filter {
    private final Function<ServerRequest, RequestContext> authenticator;

    public RequestContexts(Function<ServerRequest, RequestContext> authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.context().register(RequestContext.class, authenticator.apply(req));
        chain.proceed();
    }

    public static RequestContext of(ServerRequest req) {
        return req.context().get(RequestContext.class, RequestContext.class)
                .orElseThrow(() -> new IllegalStateException("no request context established"));
    }
}
