package org.glancej.http;

import java.util.Optional;
import org.glancej.config.ConfigFile;

/**
 * Where the API listens. Without authentication the service binds to loopback unless {@code bind_host}
 * says otherwise, so an unauthenticated admin API is never exposed by accident.
 */
public record ServerConfig(String bindHost, int bindPort, Optional<String> publicEndpoint) {

    public static ServerConfig from(ConfigFile conf, boolean authenticated) {
        String defaultHost = authenticated ? "0.0.0.0" : "127.0.0.1";
        return new ServerConfig(
                conf.string("DEFAULT", "bind_host", defaultHost).strip(),
                conf.integer("DEFAULT", "bind_port", 9292, 0, 65535),
                conf.raw("DEFAULT", "public_endpoint").map(String::strip).filter(s -> !s.isEmpty()));
    }
}
