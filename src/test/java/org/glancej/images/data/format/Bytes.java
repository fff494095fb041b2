package org.glancej.images.data.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Small helpers to build and corrupt sample images. */
final class Bytes {
    private Bytes() {}

    static byte[] putBe32(byte[] data, int pos, long value) {
        ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN).putInt(pos, (int) value);
        return data;
    }

    static byte[] putBe64(byte[] data, int pos, long value) {
        ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN).putLong(pos, value);
        return data;
    }

    static byte[] putLe16(byte[] data, int pos, int value) {
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putShort(pos, (short) value);
        return data;
    }

    static byte[] putLe32(byte[] data, int pos, long value) {
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(pos, (int) value);
        return data;
    }

    static byte[] putLe64(byte[] data, int pos, long value) {
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putLong(pos, value);
        return data;
    }

    static long le64(byte[] data, int pos) {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(pos);
    }

    static byte[] putAscii(byte[] data, int pos, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, data, pos, bytes.length);
        return data;
    }

    static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int indexOf(byte[] data, String ascii) {
        return indexOf(data, ascii.getBytes(StandardCharsets.US_ASCII), 0);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] out = new byte[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
