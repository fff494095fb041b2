package org.glancej.images.data.format;

/** Keeps the last {@code capacity} bytes of the stream, for formats whose metadata sits at the end. */
final class TailBuffer {
    private final byte[] ring;
    private long written;

    TailBuffer(int capacity) {
        ring = new byte[capacity];
    }

    void write(byte[] buf, int off, int len) {
        int size = ring.length;
        if (len >= size) {
            // only the last `size` bytes can survive; align them with the ring position
            int start = (int) ((written + len - size) % size);
            System.arraycopy(buf, off + len - size, ring, start, size - start);
            System.arraycopy(buf, off + len - start, ring, 0, start);
        } else {
            int pos = (int) (written % size);
            int first = Math.min(len, size - pos);
            System.arraycopy(buf, off, ring, pos, first);
            System.arraycopy(buf, off + first, ring, 0, len - first);
        }
        written += len;
    }

    /** Counts {@code n} bytes not seen; the caller writes at least a capacity's worth after them. */
    void skip(long n) {
        written += n;
    }

    /** The last bytes of the stream, at most the capacity, as a window positioned at their stream offset. */
    ByteWindow snapshot() {
        int count = (int) Math.min(written, ring.length);
        byte[] out = new byte[count];
        int start = (int) ((written - count) % ring.length);
        int first = Math.min(count, ring.length - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, count - first);
        return ByteWindow.of(written - count, out);
    }
}
