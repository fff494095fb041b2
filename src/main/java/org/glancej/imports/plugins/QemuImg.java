package org.glancej.imports.plugins;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code qemu-img} under {@link ProcessLimits}, outside any request, capturing a bounded amount of its output
 * (a hostile image must not make the service buffer without end). The process is killed when the wall clock runs
 * out, the calling thread is interrupted or the progress listener throws, and by the kernel when this service's
 * process dies ({@code setpriv --pdeathsig KILL}): a conversion must not go on writing beside the staged data
 * after a restart has undone its import.
 */
final class QemuImg {
    private static final int MAX_OUTPUT = 1 << 20;
    /** What {@code qemu-img convert -p} prints, e.g. {@code "    (42.17/100%)\r"}. */
    private static final Pattern PROGRESS = Pattern.compile("\\((\\d{1,3})\\.(\\d\\d)/100%\\)");
    private static final long PROGRESS_INTERVAL_MS = 1000;

    record Result(int exitCode, String stdout, String stderr, boolean killedByLimit) {
        boolean succeeded() {
            return exitCode == 0 && !killedByLimit;
        }
    }

    private final String executable;

    QemuImg(String executable) {
        this.executable = executable;
    }

    static QemuImg standard() {
        return new QemuImg("qemu-img");
    }

    /** Whether {@code qemu-img}, {@code prlimit} and {@code setpriv} can be started. */
    boolean available() {
        try {
            return run(List.of("--version"), ProcessLimits.INFO).succeeded();
        } catch (IOException e) {
            return false;
        }
    }

    /** @throws IOException when the process cannot be started */
    Result run(List<String> arguments, ProcessLimits limits) throws IOException {
        return run(arguments, limits, hundredths -> {});
    }

    /**
     * Runs qemu-img, telling {@code progress} (on this thread, about every second) how far a {@code -p} run is,
     * in hundredths of a percent.
     */
    Result run(List<String> arguments, ProcessLimits limits, IntConsumer progress) throws IOException {
        List<String> command = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--"));
        command.addAll(List.of(limits.prlimitArguments()));
        command.add(executable);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // glibc reserves 64 MiB of address space per arena, up to 8 per core: that, not use, meets RLIMIT_AS
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        Process process = startFromOwnThread(builder);
        try {
            AtomicInteger reported = new AtomicInteger(-1);
            CompletableFuture<String> stdout = drain(process.getInputStream(), reported);
            CompletableFuture<String> stderr = drain(process.getErrorStream(), new AtomicInteger());
            long deadline = System.nanoTime() + limits.wallClock().toNanos();
            boolean finished = false;
            int last = -1;
            while (!finished) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                finished = process.waitFor(Math.min(left, PROGRESS_INTERVAL_MS), TimeUnit.MILLISECONDS);
                int now = reported.get();
                if (now > last) {
                    progress.accept(now);
                    last = now;
                }
            }
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            int exit = process.exitValue();
            // prlimit's limits end the process with SIGXCPU (CPU time) or SIGKILL (hard limit)
            boolean killed = !finished || exit == 128 + 24 || exit == 128 + 9;
            return new Result(exit, stdout.get(), stderr.get(), killed);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while qemu-img ran", e);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IOException("cannot read qemu-img output", e.getCause());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * Starts the process from a platform thread that stays until the process ends. The parent-death signal is sent
     * when the thread that started the process ends, not the whole service: a virtual thread's carrier, or a
     * pooled thread, can end while qemu-img still runs.
     */
    private static Process startFromOwnThread(ProcessBuilder builder) throws IOException {
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("qemu-img-parent").start(() -> {
            Process process;
            try {
                process = builder.start();
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
                return;
            }
            started.complete(process);
            process.onExit().join();
        });
        try {
            return started.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private static CompletableFuture<String> drain(InputStream in, AtomicInteger progress) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    kept.write(buffer, 0, Math.max(0, Math.min(n, MAX_OUTPUT - kept.size())));
                    Matcher m = PROGRESS.matcher(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                    while (m.find()) {
                        progress.set(Integer.parseInt(m.group(1)) * 100 + Integer.parseInt(m.group(2)));
                    }
                }
                result.complete(kept.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        });
        return result;
    }
}
