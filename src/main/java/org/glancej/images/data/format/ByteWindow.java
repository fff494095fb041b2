package org.glancej.images.data.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A fixed range {@code [offset, offset + length)} of the image stream, filled as the bytes stream past.
 * Reads are relative to {@link #offset()} and only see bytes already captured; callers check
 * {@link #has(int, int)} first. The buffer size is chosen by the inspector from bounded constants, never
 * directly from image content.
 */
final class ByteWindow {
    private static final byte[] NONE = new byte[0];

    private final long offset;
    private final int length;
    private final byte[] data;
    private int filled;
    private boolean missed;

    private ByteWindow(long offset, int length, byte[] data) {
        this.offset = offset;
        this.length = length;
        this.data = data;
    }

    static ByteWindow capturing(long offset, int length) {
        if (offset < 0 || length <= 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("bad window " + offset + "+" + length);
        }
        return new ByteWindow(offset, length, new byte[length]);
    }

    /** A window that can never be filled: it lies outside what the inspector is willing to capture. */
    static ByteWindow unobtainable(long offset, int length) {
        ByteWindow window = new ByteWindow(offset, Math.max(length, 0), NONE);
        window.missed = true;
        return window;
    }

    static ByteWindow of(long offset, byte[] bytes) {
        ByteWindow window = new ByteWindow(offset, bytes.length, bytes);
        window.filled = bytes.length;
        return window;
    }

    long offset() {
        return offset;
    }

    int length() {
        return length;
    }

    int filled() {
        return filled;
    }

    boolean isComplete() {
        return !missed && filled == length;
    }

    /** True once the window can no longer make progress (complete, or part of its range went by uncaptured). */
    boolean isSettled() {
        return missed || filled == length;
    }

    /** Stream position of the next byte this window wants. */
    long nextWanted() {
        return offset + filled;
    }

    long end() {
        return offset + length;
    }

    /** Offers a chunk that starts at stream position {@code chunkStart}; chunks must arrive in stream order. */
    void offer(byte[] buf, int off, int len, long chunkStart) {
        if (isSettled()) {
            return;
        }
        long want = offset + filled;
        long chunkEnd = chunkStart + len;
        if (chunkEnd <= want) {
            return;
        }
        if (chunkStart > want) {
            missed = true; // the bytes we needed went by before this window existed
            return;
        }
        int skip = (int) (want - chunkStart);
        int count = (int) Math.min(len - skip, (long) length - filled);
        System.arraycopy(buf, off + skip, data, filled, count);
        filled += count;
    }

    /** Marks the window missed when bytes it still needs lie before stream position {@code position}. */
    void missIfBehind(long position) {
        if (!isSettled() && nextWanted() < position) {
            missed = true;
        }
    }

    /** Copies whatever part of this window's range {@code source} already holds. */
    void backfillFrom(ByteWindow source) {
        long start = Math.max(nextWanted(), source.offset);
        if (isSettled() || start != nextWanted()) {
            return;
        }
        long available = source.offset + source.filled - start;
        if (available > 0) {
            offer(source.data, (int) (start - source.offset), (int) Math.min(available, length - filled), start);
        }
    }

    boolean has(int pos, int count) {
        return pos >= 0 && count >= 0 && pos <= filled - count;
    }

    boolean has(long pos, int count) {
        return pos >= 0 && pos <= Integer.MAX_VALUE && has((int) pos, count);
    }

    int u8(int pos) {
        check(pos, 1);
        return data[pos] & 0xff;
    }

    int le16(int pos) {
        check(pos, 2);
        return (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
    }

    long le32(int pos) {
        return le16(pos) | (long) le16(pos + 2) << 16;
    }

    long le64(int pos) {
        return le32(pos) | le32(pos + 4) << 32;
    }

    int be16(int pos) {
        check(pos, 2);
        return (data[pos] & 0xff) << 8 | (data[pos + 1] & 0xff);
    }

    long be32(int pos) {
        return (long) be16(pos) << 16 | be16(pos + 2);
    }

    long be64(int pos) {
        return be32(pos) << 32 | be32(pos + 4);
    }

    boolean matches(int pos, byte[] expected) {
        return has(pos, expected.length) && Arrays.equals(data, pos, pos + expected.length, expected, 0, expected.length);
    }

    boolean matches(int pos, String ascii) {
        return matches(pos, ascii.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] copy(int pos, int count) {
        check(pos, count);
        return Arrays.copyOfRange(data, pos, pos + count);
    }

    private void check(int pos, int count) {
        if (!has(pos, count)) {
            throw new IndexOutOfBoundsException("read " + count + " at " + pos + " of " + filled + " captured bytes");
        }
    }
}
