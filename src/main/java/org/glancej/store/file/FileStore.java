package org.glancej.store.file;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.glancej.store.FileRegion;
import org.glancej.store.ImageStore;
import org.glancej.store.LimitedInputStream;
import org.glancej.store.StoreCapabilities;
import org.glancej.store.StoreException;
import org.glancej.store.StoreException.Reason;

/**
 * Image data as files named by image id in one directory, at {@code file://<dir>/<id>} locations as
 * upstream's filesystem store records them. Only paths inside the directory are ever opened or deleted.
 */
public final class FileStore implements ImageStore {
    /** Small enough that a chunk stays in the CPU cache between the copies it goes through. */
    private static final int CHUNK = 128 << 10;
    /** Upstream records {@code file://} followed by the absolute path, unencoded. */
    private static final String PREFIX = "file://";
    private final Path directory;
    private final OptionalInt directIoAlignment;

    /** Writes uploads with direct I/O where the directory's filesystem allows it. */
    public FileStore(Path directory) {
        this(directory, true);
    }

    FileStore(Path directory, boolean tryDirectIo) {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create image directory " + this.directory, e);
        }
        this.directIoAlignment = tryDirectIo ? DirectIo.alignment(this.directory) : OptionalInt.empty();
    }

    /** Whether uploads bypass the page cache. */
    boolean usesDirectIo() {
        return directIoAlignment.isPresent();
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public StoreCapabilities capabilities() {
        return new StoreCapabilities(true, false, true, true);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("data_dir", directory.toString(), "chunk_size", CHUNK, "thin_provisioning", false);
    }

    /** The directory holding the data. */
    public Path directory() {
        return directory;
    }

    @Override
    public StoredData add(String imageId, InputStream data, OptionalLong expectedSize) {
        Path target = pathFor(imageId);
        long written = 0;
        try (FileChannel out = directIoAlignment.isPresent() ? DirectIo.open(target)
                : FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            FileSink sink = directIoAlignment.isPresent() ? new DirectFileSink(out, directIoAlignment.getAsInt())
                    : new BufferedFileSink(out);
            try {
                byte[] buffer = new byte[CHUNK];
                int n;
                while ((n = data.readNBytes(buffer, 0, CHUNK)) > 0) {
                    sink.write(buffer, 0, n);
                    written += n;
                }
                sink.finish(written);
            } catch (IOException | RuntimeException | Error e) {
                sink.abandon();
                deleteQuietly(target);
                throw translate(e);
            }
        } catch (FileAlreadyExistsException e) {
            throw new StoreException(Reason.BAD_LOCATION, "Image data for " + imageId + " already exists", e);
        } catch (IOException e) {
            deleteQuietly(target);
            throw translate(e);
        }
        return new StoredData(PREFIX + target, written);
    }

    /**
     * Written through the page cache, not direct I/O: a direct write pads its last block, and bytes that a crash
     * leaves in the file must all be the client's.
     */
    @Override
    public StoredData append(String imageId, long offset, InputStream data) {
        Path target = pathFor(imageId);
        long written = offset;
        if (offset > 0 && !Files.exists(target)) {
            throw new StoreException(Reason.BAD_LOCATION, "The file store holds no bytes of image " + imageId
                    + ", not " + offset);
        }
        try (FileChannel out = offset == 0
                ? FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                : FileChannel.open(target, StandardOpenOption.WRITE)) {
            if (out.size() != offset) {
                throw new StoreException(Reason.BAD_LOCATION, "The file store holds " + out.size() + " bytes of image "
                        + imageId + ", not " + offset);
            }
            out.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            try {
                int n;
                do {
                    try {
                        n = data.read(buffer.array(), buffer.position(), buffer.remaining());
                    } catch (IOException | RuntimeException e) {
                        // every byte that arrived is kept, for the write that resumes after them
                        written += flush(out, buffer);
                        throw e;
                    }
                    if (n > 0) {
                        buffer.position(buffer.position() + n);
                    }
                    if (n < 0 || !buffer.hasRemaining()) {
                        written += flush(out, buffer);
                    }
                } while (n >= 0);
            } finally {
                out.force(false);
            }
        } catch (IOException e) {
            throw translate(e);
        }
        return new StoredData(PREFIX + target, written);
    }

    private static int flush(FileChannel out, ByteBuffer buffer) throws IOException {
        buffer.flip();
        int count = buffer.remaining();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
        return count;
    }

    @Override
    public InputStream get(String locationUrl, long offset, long length) {
        FileChannel channel = openForReading(locationUrl);
        try {
            channel.position(offset);
            return LimitedInputStream.of(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException(Reason.UNAVAILABLE, "Cannot read image data: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<FileRegion> fileRegion(String locationUrl, long offset, long length) {
        FileChannel channel = openForReading(locationUrl);
        try {
            long count = length == TO_END ? Math.max(0, channel.size() - offset) : length;
            return Optional.of(new FileRegion(channel, offset, count));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException(Reason.UNAVAILABLE, "Cannot read image data: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private FileChannel openForReading(String locationUrl) {
        Path path = resolve(locationUrl);
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new StoreException(Reason.NOT_FOUND, "Image data not found in the file store", e);
        } catch (IOException e) {
            throw new StoreException(Reason.UNAVAILABLE, "Cannot read image data: " + e.getMessage(), e);
        }
    }

    @Override
    public long size(String locationUrl) {
        try {
            return Files.size(resolve(locationUrl));
        } catch (NoSuchFileException e) {
            throw new StoreException(Reason.NOT_FOUND, "Image data not found in the file store", e);
        } catch (IOException e) {
            throw new StoreException(Reason.UNAVAILABLE, "Cannot stat image data: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String locationUrl) {
        try {
            Files.deleteIfExists(resolve(locationUrl));
        } catch (IOException e) {
            throw new StoreException(Reason.UNAVAILABLE, "Cannot delete image data: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> uploadLocation(String imageId) {
        return Optional.of(PREFIX + pathFor(imageId));
    }

    /**
     * Every file in the store's directory as a location, with its size, for finding data no image references;
     * files that vanish while listing are skipped.
     */
    public List<StoredData> list() {
        List<StoredData> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path path : entries) {
                try {
                    if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                        found.add(new StoredData(PREFIX + path, Files.size(path)));
                    }
                } catch (NoSuchFileException e) {
                    // removed meanwhile
                }
            }
        } catch (IOException e) {
            throw new StoreException(Reason.UNAVAILABLE, "Cannot list the file store: " + e.getMessage(), e);
        }
        return found;
    }

    @Override
    public boolean owns(String locationUrl) {
        try {
            resolve(locationUrl);
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    private Path pathFor(String imageId) {
        Path path = directory.resolve(imageId).normalize();
        if (!path.getParent().equals(directory)) {
            throw new StoreException(Reason.BAD_LOCATION, "Invalid image id for the file store");
        }
        return path;
    }

    /** Maps a {@code file://} location back to a file, refusing anything outside the store's directory. */
    private Path resolve(String locationUrl) {
        if (!locationUrl.startsWith(PREFIX + "/")) {
            throw new StoreException(Reason.BAD_LOCATION, "Not a file store location");
        }
        Path path;
        try {
            path = Path.of(locationUrl.substring(PREFIX.length())).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new StoreException(Reason.BAD_LOCATION, "Malformed file store location", e);
        }
        if (path.getParent() == null || !path.getParent().equals(directory)) {
            throw new StoreException(Reason.BAD_LOCATION, "Location is outside the file store");
        }
        return path;
    }

    static StoreException translate(Throwable e) {
        if (e instanceof StoreException se) {
            return se;
        }
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
            // glance_store's StorageFull text: upstream's answer prefixes it with "Image storage media is full: "
            return new StoreException(Reason.STORAGE_FULL,
                    "There is not enough disk space on the image storage media.", e);
        }
        return new StoreException(Reason.UNAVAILABLE, "Cannot write image data: " + message, e);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the failure that led here is what the caller needs to see
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: the original failure is what the caller needs to see
        }
    }
}
