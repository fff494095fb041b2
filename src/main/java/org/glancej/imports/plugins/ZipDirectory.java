package org.glancej.imports.plugins;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The entry count and central directory size of a ZIP archive, read from its end records before the JDK's
 * {@code ZipFile} loads the whole central directory into memory: an archive announcing millions of entries or a
 * gigabyte of directory is refused without reading it.
 */
record ZipDirectory(long entries, long size) {
    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
    private static final int EOCD_LENGTH = 22;
    private static final int MAX_COMMENT = 0xffff;

    /** @throws IOException when no end record is found */
    static ZipDirectory read(Path archive) throws IOException {
        try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ)) {
            long length = channel.size();
            int tailLength = (int) Math.min(length, EOCD_LENGTH + MAX_COMMENT);
            ByteBuffer tail = readFully(channel, length - tailLength, tailLength);
            for (int at = tailLength - EOCD_LENGTH; at >= 0; at--) {
                if (tail.getInt(at) != EOCD_SIGNATURE) {
                    continue;
                }
                long entries = Short.toUnsignedLong(tail.getShort(at + 10));
                long size = Integer.toUnsignedLong(tail.getInt(at + 12));
                if ((entries == 0xffff || size == 0xffffffffL) && at >= 20
                        && tail.getInt(at - 20) == ZIP64_LOCATOR_SIGNATURE) {
                    return zip64(channel, tail.getLong(at - 20 + 8));
                }
                return new ZipDirectory(entries, size);
            }
            throw new IOException("no end of central directory record");
        }
    }

    private static ZipDirectory zip64(FileChannel channel, long offset) throws IOException {
        if (offset < 0 || offset > channel.size() - 56) {
            throw new IOException("bad ZIP64 end of central directory offset");
        }
        ByteBuffer record = readFully(channel, offset, 56);
        if (record.getInt(0) != ZIP64_EOCD_SIGNATURE) {
            throw new IOException("bad ZIP64 end of central directory record");
        }
        return new ZipDirectory(record.getLong(32), record.getLong(40));
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of archive");
            }
        }
        return buffer.flip();
    }
}
