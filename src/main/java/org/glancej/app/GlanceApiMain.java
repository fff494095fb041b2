package org.glancej.app;

import io.helidon.webserver.WebServer;

public final class GlanceApiMain {
    public static void main(String[] args) {
        WebServer server = WebServer.builder().host("127.0.0.1").port(9292)
                .routing(r -> r.get("/", (req, res) -> res.send("hi")))
                .build().start();
        System.out.println(server.port());
    }
}
