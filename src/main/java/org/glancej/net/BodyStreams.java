package org.glancej.net;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The framings of an HTTP/1.1 response body. A body that ends before its announced length, or a chunked body
 * without its last chunk, fails the read rather than passing for complete image data.
 */
final class BodyStreams {
    private BodyStreams() {}

    static InputStream fixedLength(InputStream in, long length) {
        return new FixedLength(in, length);
    }

    static InputStream chunked(InputStream in) {
        return new Chunked(in);
    }

    private static final class FixedLength extends FilterInputStream {
        private long remaining;

        FixedLength(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return len == 0 ? 0 : -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("the HTTP server closed the connection " + remaining + " bytes before the end");
            }
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), remaining);
        }
    }

    private static final class Chunked extends FilterInputStream {
        private long chunkLeft;
        private boolean done;

        Chunked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (chunkLeft == 0 && !nextChunk()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("the HTTP server closed the connection in the middle of a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                expectLineEnd();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            int read = read(buffer, 0, buffer.length);
            return Math.max(read, 0);
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), chunkLeft);
        }

        private boolean nextChunk() throws IOException {
            if (done) {
                return false;
            }
            String line = HttpLines.read(in);
            int extension = line.indexOf(';');
            String size = (extension >= 0 ? line.substring(0, extension) : line).strip();
            try {
                chunkLeft = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw new IOException("the HTTP server sent a malformed chunk size");
            }
            if (chunkLeft < 0) {
                throw new IOException("the HTTP server sent a malformed chunk size");
            }
            if (chunkLeft == 0) {
                done = true;
                while (!HttpLines.read(in).isEmpty()) {
                    // trailer fields carry nothing we use
                }
                return false;
            }
            return true;
        }

        private void expectLineEnd() throws IOException {
            if (!HttpLines.read(in).isEmpty()) {
                throw new IOException("the HTTP server sent a malformed chunk");
            }
        }
    }
}
