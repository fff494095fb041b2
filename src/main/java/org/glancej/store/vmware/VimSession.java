package org.glancej.store.vmware;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;
import org.glancej.store.vmware.VimXml.Moref;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * A vSphere API session as oslo.vmware keeps one: {@code Login} on the SessionManager at {@code /sdk}, whose
 * {@code vmware_soap_session} cookie goes with every call and with the datastore's HTTP file access. A call
 * answered {@code NotAuthenticated} (the session expired or was ended) logs in again and is retried, up to
 * {@code vmware_api_retry_count} times. After a refused login no other is tried for a while (10 s, doubled while
 * the server keeps refusing, at most 5 min): vCenter locks an account out after a few failed logins, and a store
 * trying again on every request would lock the service's account for everyone. Failures come out as
 * {@link StoreException}s naming the server.
 */
final class VimSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VimSession.class);
    static final String COOKIE = "vmware_soap_session";
    private static final Moref SERVICE_INSTANCE = new Moref("ServiceInstance", "ServiceInstance");
    private static final int MAX_ANSWER = 4 << 20;

    private final VmwareStoreConfig config;
    private final HttpClient http;
    private final URI sdk;
    private final Clock clock;
    private volatile ServiceContent content;
    private volatile String cookie;
    private Instant refusedUntil = Instant.MIN;
    private Duration backoff;

    /** The managers the store calls, as the server names them. */
    record ServiceContent(Moref sessionManager, Moref searchIndex, Moref fileManager, Moref propertyCollector) {}

    VimSession(VmwareStoreConfig config, HttpClient http, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.http = requireNonNull(http, "http is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sdk = config.server().resolve("/sdk");
        this.backoff = config.loginBackoff();
    }

    VimSession(VmwareStoreConfig config, HttpClient http) {
        this(config, http, Clock.systemUTC());
    }

    String server() {
        return config.server().toString();
    }

    HttpClient http() {
        return http;
    }

    /** The session cookie's value, logging in first if there is no session. */
    String cookie() {
        String current = cookie;
        return current != null ? current : login(null);
    }

    /** Logs in again unless another caller already replaced {@code stale}; answers the new cookie. */
    synchronized String login(String stale) {
        if (cookie != null && !cookie.equals(stale)) {
            return cookie;
        }
        Instant now = clock.instant();
        if (now.isBefore(refusedUntil)) {
            throw new StoreException(Reason.UNAVAILABLE, "The VMware server at " + server() + " refused the login of user "
                    + config.username() + "; no login is tried again for "
                    + Math.max(1, Duration.between(now, refusedUntil).toSeconds()) + " s");
        }
        ServiceContent managers = content();
        Answer answer = post(VimXml.request("Login", managers.sessionManager(),
                VimXml.element("userName", config.username()) + VimXml.element("password", config.password())
                        + VimXml.element("locale", "en")));
        if (answer.fault().isPresent()) {
            VimFault fault = answer.fault().get();
            if (fault.is("InvalidLogin")) {
                refusedUntil = clock.instant().plus(backoff);
                LOG.warn("the VMware server at {} refused the login of user {}; the next try is in {} s", server(),
                        config.username(), backoff.toSeconds());
                backoff = backoff.multipliedBy(2).compareTo(VmwareStoreConfig.LONGEST_LOGIN_BACKOFF) > 0
                        ? VmwareStoreConfig.LONGEST_LOGIN_BACKOFF : backoff.multipliedBy(2);
                throw new StoreException(Reason.UNAVAILABLE, "The VMware server at " + server()
                        + " refused the login of user " + config.username());
            }
            throw failed("log in", fault);
        }
        String value = answer.cookie().orElseThrow(() -> new StoreException(Reason.UNAVAILABLE,
                "The VMware server at " + server() + " gave no session cookie on login"));
        cookie = value;
        backoff = config.loginBackoff();
        LOG.info("logged in to the VMware server at {} as {}", server(), config.username());
        return value;
    }

    /** Calls {@code method} on {@code target} and answers the response element. */
    Element invoke(String what, String method, Moref target, String arguments) {
        for (int attempt = 0; ; attempt++) {
            String used = cookie();
            Answer answer = post(VimXml.request(method, target, arguments));
            if (answer.fault().isEmpty()) {
                return answer.body();
            }
            VimFault fault = answer.fault().get();
            if (!fault.is("NotAuthenticated") || attempt >= config.apiRetryCount()) {
                throw failed(what, fault);
            }
            LOG.info("the session with the VMware server at {} ended; logging in again", server());
            login(used);
        }
    }

    ServiceContent content() {
        ServiceContent known = content;
        if (known != null) {
            return known;
        }
        Answer answer = post(VimXml.request("RetrieveServiceContent", SERVICE_INSTANCE, ""));
        if (answer.fault().isPresent()) {
            throw failed("describe its services", answer.fault().get());
        }
        Element returned = VimXml.child(answer.body(), "returnval").orElseThrow(() -> unreadable());
        known = new ServiceContent(moref(returned, "sessionManager"), moref(returned, "searchIndex"),
                moref(returned, "fileManager"), moref(returned, "propertyCollector"));
        content = known;
        return known;
    }

    private Moref moref(Element parent, String name) {
        return VimXml.child(parent, name).map(Moref::of).orElseThrow(this::unreadable);
    }

    StoreException failed(String what, VimFault fault) {
        return new StoreException(Reason.UNAVAILABLE, "The VMware server at " + server() + " failed to " + what + ": "
                + fault.type());
    }

    private StoreException unreadable() {
        return new StoreException(Reason.UNAVAILABLE, "The VMware server at " + server() + " gave an unreadable answer");
    }

    StoreException unreachable(IOException e) {
        String why;
        if (e instanceof HttpConnectTimeoutException) {
            why = "cannot be reached: no connection within " + VmwareStoreConfig.CONNECT_TIMEOUT.toSeconds() + " s";
        } else if (e instanceof HttpTimeoutException) {
            why = "did not answer in time";
        } else if (e instanceof ConnectException) {
            why = "cannot be reached: connection refused";
        } else {
            why = "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new StoreException(Reason.UNAVAILABLE, "The VMware server at " + server() + " " + why, e);
    }

    /** One SOAP exchange: the response element or the fault, and a session cookie if one was set. */
    private record Answer(Element body, Optional<VimFault> fault, Optional<String> cookie) {}

    private Answer post(byte[] envelope) {
        HttpRequest.Builder request = HttpRequest.newBuilder(sdk).timeout(config.callTimeout())
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"urn:vim25/6.5\"")
                .POST(BodyPublishers.ofByteArray(envelope));
        String current = cookie;
        if (current != null) {
            request.header("Cookie", COOKIE + "=" + current);
        }
        HttpResponse<InputStream> response;
        byte[] bytes;
        try {
            response = http.send(request.build(), BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_ANSWER + 1);
            }
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Reason.UNAVAILABLE, "Interrupted while calling the VMware server at " + server(), e);
        }
        if (bytes.length > MAX_ANSWER) {
            throw unreadable();
        }
        Element body = VimXml.body(bytes).orElseThrow(() -> new StoreException(Reason.UNAVAILABLE,
                "The VMware server at " + server() + " answered HTTP " + response.statusCode() + " without SOAP"));
        Optional<String> setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(COOKIE + "=")).map(c -> c.substring(COOKIE.length() + 1).split(";", 2)[0])
                .findFirst();
        if (!"Fault".equals(body.getLocalName())) {
            return new Answer(body, Optional.empty(), setCookie);
        }
        String type = VimXml.child(body, "detail").flatMap(d -> VimXml.children(d).stream().findFirst())
                .map(d -> VimXml.xsiType(d).isEmpty() ? d.getLocalName().replaceFirst("Fault$", "") : VimXml.xsiType(d))
                .orElse("Fault");
        return new Answer(body, Optional.of(new VimFault(type, VimXml.text(body, "faultstring"))), setCookie);
    }

    /** Ends the session on the server; the store is not used afterwards. */
    @Override
    public void close() {
        String current = cookie;
        if (current != null) {
            try {
                post(VimXml.request("Logout", content().sessionManager(), ""));
            } catch (StoreException e) {
                LOG.debug("logout from the VMware server at {} failed: {}", server(), e.getMessage());
            }
            cookie = null;
        }
    }
}
