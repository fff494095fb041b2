package org.glancej.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into its addresses; the system resolver in production, a table in tests. */
@FunctionalInterface
public interface HostResolver {
    HostResolver SYSTEM = name -> List.of(InetAddress.getAllByName(name));

    /** Every address of {@code name} (an ASCII name, never an IP literal); throws if it has none. */
    List<InetAddress> resolve(String name) throws UnknownHostException;
}
