package org.glancej.http;

import static java.util.Objects.requireNonNull;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.glancej.auth.Authenticator;
import org.glancej.keystone.KeystoneUnavailableException;
import org.glancej.auth.RequestContext;
import org.glancej.common.ErrorKind;
import org.glancej.common.GlanceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Establishes each request's {@link RequestContext} once, before routing, and hands it to resources. The
 * versions documents answer without a token, as upstream's version negotiation does ahead of authentication;
 * everything under {@code /v2/} needs one when authentication is on.
 */
public final class RequestContexts implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestContexts.class);
    private static final RequestContext ANONYMOUS = RequestContext.anonymous();

    private static final HeaderName X_AUTH_TOKEN = HeaderNames.create("X-Auth-Token");

    private final Authenticator authenticator;

    public RequestContexts(Authenticator authenticator) {
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        RequestContext context;
        if (!req.prologue().uriPath().path().startsWith("/v2/")) {
            context = ANONYMOUS;
        } else {
            try {
                context = authenticator.authenticate(req.headers().first(X_AUTH_TOKEN));
            } catch (GlanceException e) {
                if (e.kind() == ErrorKind.UNAUTHORIZED) {
                    sendUnauthorized(res, e);
                    return;
                }
                throw e;
            } catch (KeystoneUnavailableException e) {
                LOG.error("cannot validate a token: {}", e.getMessage());
                ErrorResponses.send(req, res, ErrorKind.SERVICE_UNAVAILABLE, ErrorResponses.KEYSTONE_UNAVAILABLE,
                        Map.of());
                return;
            }
        }
        req.context().register(RequestContext.class, context);
        chain.proceed();
    }

    public static RequestContext of(ServerRequest req) {
        return req.context().get(RequestContext.class, RequestContext.class)
                .orElseThrow(() -> new IllegalStateException("no request context established"));
    }

    /** keystonemiddleware's refusal: always JSON, with the Keystone URI to authenticate at. */
    private static void sendUnauthorized(RoutingResponse res, GlanceException e) {
        String body = Json.object().set("error", Json.object().put("code", 401).put("title", "Unauthorized")
                .put("message", e.getMessage())).toString();
        res.status(401);
        e.headers().forEach(res::header);
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.send(body.getBytes(StandardCharsets.UTF_8));
    }
}
