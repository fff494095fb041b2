package org.glancej.images.data;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Who receives an upload: this process, named by host, boot, process id and process start time, written as
 * {@code host:boot:pid:start}. The name tells another process on the same machine whether its owner still runs.
 */
public record UploadOwner(String host, String boot, long pid, long startMillis) {

    public UploadOwner {
        requireNonNull(host, "host is null");
        requireNonNull(boot, "boot is null");
    }

    public static UploadOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new UploadOwner(hostName(), bootId(), self.pid(), startOf(self.pid()).orElse(0L));
    }

    public String id() {
        return host + ":" + boot + ":" + pid + ":" + startMillis;
    }

    public static Optional<UploadOwner> parse(String id) {
        String[] parts = id.split(":");
        if (parts.length < 4) {
            return Optional.empty();
        }
        try {
            int n = parts.length;
            String host = String.join(":", java.util.Arrays.copyOf(parts, n - 3));
            return Optional.of(new UploadOwner(host, parts[n - 3], Long.parseLong(parts[n - 2]),
                    Long.parseLong(parts[n - 1])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether {@code owner} is known to have stopped: it ran on this machine since its last boot, and no process
     * with its id and start time runs any more. False whenever that cannot be told (another machine).
     */
    public boolean knowsGone(UploadOwner owner, LongFunction<Optional<Long>> startOfPid) {
        if (!owner.host.equals(host) || !owner.boot.equals(boot) || boot.isEmpty()) {
            return false;
        }
        return startOfPid.apply(owner.pid).map(start -> start != owner.startMillis).orElse(true);
    }

    /** The start time of a running process, in milliseconds, if one runs with that id. */
    public static Optional<Long> startOf(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().startInstant()).map(Instant::toEpochMilli);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replace(':', '_');
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Linux's id of this boot: process ids and start times repeat across reboots and containers' hosts. */
    private static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip().replace(":", "");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
