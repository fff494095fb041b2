package org.glancej.http;

import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * The read timeout of one connection's socket, as upstream's WSGI server sets {@code client_socket_timeout} on
 * its sockets: while the connection waits for a next request, that timeout, after which it is closed; while a
 * head or body is on its way, the request's (the shorter of the two), so that a client that stops sending in the
 * middle of a request (a stalled upload, a head sent a byte at a time and then abandoned) fails that request
 * instead of holding it, and the upload's image, for a quarter of an hour.
 */
final class ReadTimeouts {
    private final Socket socket;
    private final int idleMillis;
    private final int requestMillis;
    private int current;

    /** @param idle how long a connection may wait for its next request, {@code request} for the rest of one; zero: forever */
    ReadTimeouts(Socket socket, Duration idle, Duration request) {
        this.socket = socket;
        this.idleMillis = millis(idle);
        this.requestMillis = millis(request);
    }

    private static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** Called by the connection's one reading thread before each read from the socket. */
    void beforeRead(boolean betweenRequests) {
        int wanted = betweenRequests ? idleMillis : requestMillis;
        if (wanted != current) {
            try {
                socket.setSoTimeout(wanted);
                current = wanted;
            } catch (SocketException e) {
                // the socket is closed: the read that follows fails and ends the connection
            }
        }
    }
}
