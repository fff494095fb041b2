package org.glancej.store.vmware;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * VMware's vCenter simulator for tests: the shared one of {@code scripts/vcsim.sh} (its env lines), or one a test
 * starts from the same binary on a port and directory of its own, to kill or to serve TLS. Tests skip without it
 * unless {@code GLANCE_TEST_REQUIRE_VCSIM=1}.
 */
public final class Vcsim {
    public static final String DATACENTER = "DC0";

    private Vcsim() {}

    public static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            String message = "vcsim is not configured: run scripts/vcsim.sh start and export what it prints";
            if ("1".equals(System.getenv("GLANCE_TEST_REQUIRE_VCSIM"))) {
                Assertions.fail(message + " (GLANCE_TEST_REQUIRE_VCSIM is set)");
            }
            Assumptions.abort(message);
        }
        return value;
    }

    /** The shared simulator's store options, for {@code [section]}, with the given datastore lines. */
    public static String storeOptions(String section, String... datastores) {
        StringBuilder conf = new StringBuilder("[" + section + "]\n")
                .append("vmware_server_host = ").append(env("GLANCE_VCSIM_HOST")).append('\n')
                .append("vmware_server_username = ").append(env("GLANCE_VCSIM_USER")).append('\n')
                .append("vmware_server_password = ").append(env("GLANCE_VCSIM_PASSWORD")).append('\n')
                .append("vmware_task_poll_interval = 1\n");
        for (String ds : datastores) {
            conf.append("vmware_datastores = ").append(ds).append('\n');
        }
        return conf.toString();
    }

    /** Whether any file for the image is in any of a simulator's datastores, in the default image directory. */
    public static boolean anythingStoredFor(Path dataDir, String imageId) {
        return anythingStoredFor(dataDir, "openstack_glance", imageId);
    }

    public static boolean anythingStoredFor(Path dataDir, String imageDir, String imageId) {
        try (var datastores = Files.list(dataDir)) {
            return datastores.anyMatch(ds -> Files.exists(ds.resolve(imageDir).resolve(imageId)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A simulator of the test's own, started from the shared binary. */
    public static final class Own implements AutoCloseable {
        public final int port;
        final Path dir;
        final boolean tls;
        private Process process;

        public Own(Path dir, boolean tls) throws IOException {
            this.port = freePort();
            this.dir = dir;
            this.tls = tls;
            start();
        }

        public String host() {
            return (tls ? "https" : "http") + "://127.0.0.1:" + port;
        }

        public Path dataDir() {
            return dir.resolve("datastores");
        }

        public void start() throws IOException {
            List<String> command = new ArrayList<>(List.of(env("GLANCE_VCSIM_BIN"), "-listen", "127.0.0.1:" + port,
                    "-user", "glance", "-password", "own-password", "-dir", dir.toString()));
            if (tls) {
                command.add("-tls");
            }
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("vcsim.log").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    if (!tls || Files.exists(dir.resolve("cert.pem"))) {
                        return;
                    }
                } catch (IOException e) {
                    if (!process.isAlive()) {
                        throw new IOException("vcsim exited: " + Files.readString(dir.resolve("vcsim.log")));
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            throw new IOException("vcsim did not listen on " + port);
        }

        /** Freezes the process (SIGSTOP by pid): connections stay open and nothing answers, as a hung server. */
        public void freeze() throws IOException, InterruptedException {
            signal("-STOP");
        }

        /** Lets a frozen process run again (SIGCONT). */
        public void thaw() throws IOException, InterruptedException {
            signal("-CONT");
        }

        private void signal(String signal) throws IOException, InterruptedException {
            if (new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor() != 0) {
                throw new IOException("kill " + signal + " " + process.pid() + " failed");
            }
        }

        /** Kills the process at once (SIGKILL), as a crash would. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        public String options(String section, String password) {
            return "[" + section + "]\nvmware_server_host = " + host() + "\nvmware_server_username = glance\n"
                    + "vmware_server_password = " + password + "\nvmware_datastores = DC0:LocalDS_0\n"
                    + "vmware_task_poll_interval = 1\n";
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null) {
                kill();
            }
        }
    }
}
