package org.glancej.imports.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link QemuImg} runs dies with the service's process: a process killed with SIGKILL (as {@code kill -9}
 * kills the service) takes its qemu-img along, even one that writes nothing to the pipes (which would otherwise end
 * it with SIGPIPE) and was started from a virtual thread, as import tasks run.
 */
class QemuImgParentDeathTest {
    @TempDir
    Path dir;

    /** {@code RunsSleep SECONDS}: runs {@code sleep SECONDS} through QemuImg from a virtual thread, then waits. */
    public static final class RunsSleep {
        private RunsSleep() {}

        public static void main(String[] args) throws Exception {
            Thread.ofVirtual().start(() -> {
                try {
                    new QemuImg("sleep").run(List.of(args[0]), new ProcessLimits(60, 1L << 30, Duration.ofHours(1)));
                } catch (java.io.IOException e) {
                    e.printStackTrace();
                }
            }).join();
        }
    }

    @Test
    void aKilledServiceTakesItsQemuImgAlong() throws Exception {
        // a duration no other process on the machine runs with, to find the child by its command line
        String marker = "3599." + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process service = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RunsSleep.class.getName(), marker).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        List<ProcessHandle> children = List.of();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (children.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                children = running(marker);
            }
            assertThat(children).as("the child started: " + Files.readString(dir.resolve("child.log"))).isNotEmpty();
        } finally {
            service.destroyForcibly().waitFor();
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!running(marker).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<ProcessHandle> left = running(marker);
        left.forEach(ProcessHandle::destroyForcibly); // not to leave it behind when the assertion fails
        assertThat(left).as("still running after the service was killed").isEmpty();
    }

    private static List<ProcessHandle> running(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.isAlive()
                && p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false)).toList();
    }
}
