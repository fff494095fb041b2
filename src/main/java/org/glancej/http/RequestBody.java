package org.glancej.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body whose framing faults are the client's: a chunk size that is not hexadecimal, a body that ends
 * before its Content-Length or last chunk. Each becomes an {@link IOException} (callers answer 400), is logged
 * as one line without a stack trace, and makes the response close the connection, since the rest of the stream
 * can no longer be told apart from the next request. After such a fault {@link #close()} no longer drains the
 * body: draining would wait for bytes the client will never send. A connection lost mid-body is logged the same
 * way and passed on as the web server's own exception, which closes the connection without an answer.
 */
public final class RequestBody extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBody.class);

    private final InputStream in;
    private final ServerRequest req;
    private final ServerResponse res;
    private long bytesRead;
    private boolean broken;

    private RequestBody(ServerRequest req, ServerResponse res) {
        this.req = req;
        this.res = res;
        this.in = req.content().inputStream();
    }

    public static RequestBody of(ServerRequest req, ServerResponse res) {
        return new RequestBody(req, res);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (broken) {
            throw new IOException("the request body is unreadable after an earlier fault");
        }
        try {
            int n = in.read(b, off, len);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        } catch (NumberFormatException | DataReader.IncorrectNewLineException | RequestException e) {
            throw fault("Malformed chunked request body: invalid chunk", e);
        } catch (DataReader.InsufficientDataAvailableException e) {
            throw fault("Incomplete request body: the client sent " + bytesRead
                    + " bytes and stopped before the end of the body", e);
        } catch (ServerConnectionException e) {
            // the web server closes the connection without an answer when this reaches it: nobody is listening
            markBroken();
            LOG.info("{} {}: client connection lost after {} bytes of the request body", req.prologue().method().text(),
                    req.path().rawPath(), bytesRead);
            throw e;
        }
    }

    private IOException fault(String message, RuntimeException cause) {
        markBroken();
        LOG.info("{} {}: {} ({})", req.prologue().method().text(), req.path().rawPath(), message, cause.toString());
        return new IOException(message);
    }

    private void markBroken() {
        broken = true;
        if (!res.isSent()) {
            res.header(HeaderValues.CONNECTION_CLOSE);
        }
    }

    /** Drains what the handler left unread so the connection can serve the next request; a fault here only closes it. */
    @Override
    public void close() {
        if (broken) {
            return;
        }
        try {
            in.close();
        } catch (ServerConnectionException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            markBroken();
            LOG.info("{} {}: unread request body could not be skipped ({})", req.prologue().method().text(),
                    req.path().rawPath(), e.toString());
        }
    }
}
