package org.glancej.store.vmware;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.glancej.config.ConfigFile;
import org.glancej.store.StoreSection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What vcsim does not do, played by a small server: a datastore that checks the session cookie (401 once the
 * session ended) and ignores ranges, as a server upstream never asks for one may.
 */
class DatastoreFilesTest {
    private static final byte[] DATA = "0123456789abcdefghij".getBytes(UTF_8);

    private HttpServer server;
    private final Set<String> validSessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger logins = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sdk", this::soap);
        server.createContext("/folder/", this::folder);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void soap(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        String body = "<returnval/>";
        if (request.contains("<RetrieveServiceContent")) {
            body = "<returnval><sessionManager type=\"SessionManager\">sm</sessionManager><searchIndex type=\"SearchIndex\">"
                    + "si</searchIndex><fileManager type=\"FileManager\">fm</fileManager><propertyCollector"
                    + " type=\"PropertyCollector\">pc</propertyCollector></returnval>";
        } else if (request.contains("<Login")) {
            String session = "session-" + logins.incrementAndGet();
            validSessions.add(session);
            exchange.getResponseHeaders().add("Set-Cookie", "vmware_soap_session=" + session + "; Path=/; HttpOnly");
        }
        byte[] envelope = ("<?xml version=\"1.0\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body><Response xmlns=\"urn:vim25\">" + body + "</Response></soapenv:Body></soapenv:Envelope>")
                .getBytes(UTF_8);
        exchange.sendResponseHeaders(200, envelope.length);
        exchange.getResponseBody().write(envelope);
        exchange.close();
    }

    private void folder(HttpExchange exchange) throws IOException {
        String cookie = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookie == null || !validSessions.contains(cookie.replace("vmware_soap_session=", ""))) {
            exchange.sendResponseHeaders(401, -1);
        } else {
            exchange.sendResponseHeaders(200, DATA.length); // the whole file, whatever the Range header asks
            exchange.getResponseBody().write(DATA);
        }
        exchange.close();
    }

    @Test
    void aReadAfterTheSessionEndedLogsInAgainAndARangeTheServerIgnoresIsCut() throws IOException {
        String conf = "[glance_store]\nvmware_server_host = http://127.0.0.1:" + server.getAddress().getPort()
                + "\nvmware_server_username = u\nvmware_server_password = p\nvmware_datastores = DC0:ds\n";
        VmwareStoreConfig config = VmwareStoreConfig.from(new StoreSection(ConfigFile.parse(conf), "glance_store",
                "vmware", null));
        VimSession session = new VimSession(config, HttpClient.newHttpClient());
        DatastoreFiles files = new DatastoreFiles(session, config);
        VsphereLocation location = VsphereLocation.of("127.0.0.1", "openstack_glance", "id", "DC0", "ds");
        session.cookie();
        validSessions.clear(); // the server ends the session

        try (InputStream in = files.get(location, 5, 4)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 5, 9));
        }
        try (InputStream in = files.get(location, 15, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(DATA, 15, DATA.length));
        }
        try (InputStream in = files.get(location, 50, -1)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        assertThat(logins).hasValue(2);
    }
}
