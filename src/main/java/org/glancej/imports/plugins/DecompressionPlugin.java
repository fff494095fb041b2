package org.glancej.imports.plugins;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.glancej.auth.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code image_decompression}: when the staged data starts with a ZIP, gzip or LHA signature (upstream's magic
 * numbers, in upstream's order), replaces it with its decompressed content and records the new size. Images whose
 * {@code container_format} is {@code compressed} are left as they are, as upstream does. ZIP and LHA archives must
 * hold exactly one file.
 *
 * <p>Beyond upstream, which decompresses without bounds: the output stops at {@code image_size_cap} (an
 * archive growing past it fails the import, as a decompression bomb), ZIP central directories are sized before
 * they are read, and every ZIP entry's CRC is checked. LHA needs upstream's optional {@code lhafile} library,
 * which Debian does not ship; this service has no LHA decoder either, and refuses LHA archives as upstream does
 * without that library. ZIP entries must be stored or deflated (what the JDK decodes).
 */
final class DecompressionPlugin implements ImportPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(DecompressionPlugin.class);
    private static final byte[] ZIP = {0x50, 0x4b, 0x03, 0x04};
    private static final byte[] LHA = {0x2d, 0x6c, 0x68};
    private static final int LHA_OFFSET = 2;
    private static final byte[] GZIP = {0x1f, (byte) 0x8b, 0x08};
    private static final int BUFFER = 1 << 20;
    /** A one-entry central directory is at most 46 bytes plus three 64 KiB fields. */
    private static final long MAX_ONE_ENTRY_DIRECTORY = 46 + 3 * 0xffff;

    private final long maxOutput;

    DecompressionPlugin(long maxOutput) {
        this.maxOutput = maxOutput;
    }

    @Override
    public String name() {
        return ImportPluginsConfig.IMAGE_DECOMPRESSION;
    }

    @Override
    public ImageChanges apply(StagedImage image, RequestContext caller, ImportProgress progress) {
        if ("compressed".equals(image.containerFormat())) {
            return ImageChanges.NONE;
        }
        Path staged = image.data();
        byte[] head = head(staged);
        String kind = startsWith(head, 0, ZIP) ? "ZIP" : startsWith(head, LHA_OFFSET, LHA) ? "LHA"
                : startsWith(head, 0, GZIP) ? "gzip" : null;
        if (kind == null) {
            return ImageChanges.NONE;
        }
        if (kind.equals("LHA")) {
            throw new ImportPluginFailure(name(),
                    "Image data is an LHA archive, which this service cannot decompress (no LHA decoder available)");
        }
        Path output = StagedFiles.scratch(staged, "decompressed");
        try {
            long size = kind.equals("ZIP") ? unzip(staged, output, progress) : gunzip(staged, output, progress);
            StagedFiles.replace(output, staged);
            LOG.info("decompressed {} image {} to {} bytes", kind, image.imageId(), size);
            return ImageChanges.rewritten(size);
        } catch (ImportPluginFailure e) {
            StagedFiles.deleteQuietly(output);
            throw e;
        } catch (IOException e) {
            StagedFiles.deleteQuietly(output);
            throw new ImportPluginFailure(name(), "Error decompressing " + kind + " image data: " + StagedFiles.reason(e), e);
        } catch (RuntimeException | Error e) {
            StagedFiles.deleteQuietly(output);
            throw e;
        }
    }

    /** Progress counts the compressed bytes read, of the staged file's size. */
    private long gunzip(Path staged, Path output, ImportProgress progress) throws IOException {
        progress.phase("decompressing", OptionalLong.of(Files.size(staged)));
        long[] read = {0};
        try (InputStream file = Files.newInputStream(staged)) {
            InputStream counted = new FilterInputStream(file) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    read[0] += b < 0 ? 0 : 1;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    read[0] += Math.max(n, 0);
                    return n;
                }
            };
            return copyCapped(new GZIPInputStream(counted, 64 << 10), output, () -> read[0], progress);
        }
    }

    /** Progress counts the bytes written, of the size the archive declares for its file. */
    private long unzip(Path staged, Path output, ImportProgress progress) throws IOException {
        ZipDirectory directory = ZipDirectory.read(staged);
        if (directory.entries() == 0) {
            throw new ImportPluginFailure(name(), "Archive contains no file.");
        }
        if (directory.entries() != 1) {
            throw new ImportPluginFailure(name(), "Archive contains more than one file.");
        }
        if (directory.size() > MAX_ONE_ENTRY_DIRECTORY) {
            throw new ImportPluginFailure(name(), "ZIP archive has an implausibly large central directory");
        }
        try (ZipFile zip = new ZipFile(staged.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            if (!entries.hasMoreElements()) {
                throw new ImportPluginFailure(name(), "Archive contains no file.");
            }
            ZipEntry entry = entries.nextElement();
            if (entries.hasMoreElements()) {
                throw new ImportPluginFailure(name(), "Archive contains more than one file.");
            }
            if (entry.isDirectory()) {
                throw new ImportPluginFailure(name(), "Archive contains no file.");
            }
            if (entry.getMethod() != ZipEntry.STORED && entry.getMethod() != ZipEntry.DEFLATED) {
                throw new ImportPluginFailure(name(), "ZIP archive uses an unsupported compression method ("
                        + entry.getMethod() + "); only stored and deflated entries are supported");
            }
            CRC32 crc = new CRC32();
            long size;
            long declared = entry.getSize();
            progress.phase("decompressing", declared < 0 ? OptionalLong.empty() : OptionalLong.of(declared));
            try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
                size = copyCapped(in, output, null, progress);
            }
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw new ZipException("bad CRC-32 for the archived file");
            }
            return size;
        }
    }

    /**
     * Copies everything, failing as soon as more than {@code maxOutput} bytes come out; progress advances by
     * {@code consumed} (bytes written when null).
     */
    private long copyCapped(InputStream in, Path output, LongSupplier consumed, ImportProgress progress)
            throws IOException {
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        long reported = 0;
        try (OutputStream out = Files.newOutputStream(output, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                total += n;
                if (total > maxOutput) {
                    throw new ImportPluginFailure(name(), "Decompressed image data is larger than the maximum"
                            + " image size of " + maxOutput + " bytes");
                }
                out.write(buffer, 0, n);
                long now = consumed == null ? total : consumed.getAsLong();
                progress.advance(now - reported);
                reported = now;
            }
        }
        // the end of the stream was read after the last write
        progress.advance((consumed == null ? total : consumed.getAsLong()) - reported);
        return total;
    }

    private byte[] head(Path staged) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(staged))) {
            return in.readNBytes(LHA_OFFSET + LHA.length);
        } catch (IOException e) {
            throw new ImportPluginFailure(name(), "Cannot read the staged image data: " + StagedFiles.reason(e), e);
        }
    }

    private static boolean startsWith(byte[] head, int offset, byte[] magic) {
        return head.length >= offset + magic.length
                && Arrays.equals(head, offset, offset + magic.length, magic, 0, magic.length);
    }
}
