package org.glancej.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * {@code [oslo_middleware] enable_proxy_headers_parsing}: each request's {@link ProxiedOrigin}, which the absolute
 * links of its answer are built on ({@link BaseUrl}). Installed only when the option is true, so that without a
 * proxy a client's forged {@code X-Forwarded-*} headers change nothing.
 */
final class ProxyHeaders implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.context().register(ProxiedOrigin.class, ProxiedOrigin.of(req.headers()));
        chain.proceed();
    }
}
