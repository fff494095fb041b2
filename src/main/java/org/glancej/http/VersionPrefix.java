package org.glancej.http;

import io.helidon.common.uri.UriPath;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upstream serves every {@code /v2.N/...} prefix with the one v2 application (minor versions only advertise
 * features), so requests under an advertised minor-version prefix are routed as if they said {@code /v2/...}.
 */
final class VersionPrefix implements Filter {
    private static final Pattern MINOR = Pattern.compile("^/v2\\.(\\d{1,2})(/.*)$");
    private final IntPredicate advertised;

    /** @param advertised which minor versions the versions document lists; others get the 300 document */
    VersionPrefix(IntPredicate advertised) {
        this.advertised = advertised;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Matcher m = MINOR.matcher(req.prologue().uriPath().rawPath());
        if (m.matches() && advertised.test(Integer.parseInt(m.group(1)))) {
            req.prologue(req.prologue().withUriPath(UriPath.create("/v2" + m.group(2))));
        }
        chain.proceed();
    }
}
