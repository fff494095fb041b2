package org.glancej.store.rbd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared test cluster {@code scripts/ceph.sh env} describes (GLANCE_CEPH_*): the store's options for it, and
 * the {@code rbd}/{@code ceph} tools run as client.admin to look at what the store did. Absent, tests skip, or fail
 * with GLANCE_TEST_REQUIRE_CEPH=1.
 */
record CephTestCluster(String conf, String fsid, String pool, String user, String keyring, String adminKeyring) {

    static CephTestCluster require() {
        Optional<String> conf = env("GLANCE_CEPH_CONF");
        if (conf.isEmpty()) {
            String message = "no Ceph cluster: run scripts/ceph.sh start and export what it prints";
            if (env("GLANCE_TEST_REQUIRE_CEPH").filter(v -> v.equals("1") || v.equalsIgnoreCase("true")).isPresent()) {
                Assertions.fail(message + " (GLANCE_TEST_REQUIRE_CEPH is set)");
            }
            Assumptions.abort(message);
        }
        return new CephTestCluster(conf.get(), env("GLANCE_CEPH_FSID").orElseThrow(),
                env("GLANCE_CEPH_POOL").orElse("images"), env("GLANCE_CEPH_USER").orElse("glance"),
                env("GLANCE_CEPH_KEYRING").orElseThrow(), env("GLANCE_CEPH_ADMIN_KEYRING").orElseThrow());
    }

    RbdStoreConfig config(int chunkMiB, boolean thin) {
        return new RbdStoreConfig(pool, user, conf, chunkMiB, 30, thin);
    }

    /** {@code rbd} as client.admin; its standard output, failing on a non-zero exit. */
    String rbd(String... args) {
        return run("rbd", args);
    }

    /** {@code rbd} as client.admin with its standard output thrown away (e.g. {@code export ... -}). */
    void rbdDiscardingOutput(String... args) {
        List<String> command = new ArrayList<>(List.of("rbd", "--conf", conf, "--id", "admin", "--keyring",
                adminKeyring));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            process.getOutputStream().close();
            if (process.waitFor() != 0) {
                throw new AssertionError("rbd " + String.join(" ", args) + " failed");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String ceph(String... args) {
        return run("ceph", args);
    }

    boolean imageExists(String image) {
        return rbd("ls", pool).lines().anyMatch(image::equals);
    }

    /** Removes an image and its snapshots whatever their state; nothing if it is gone. */
    void purge(String image) {
        if (!imageExists(image)) {
            return;
        }
        for (String snap : rbd("snap", "ls", pool + "/" + image, "--format", "json").split("\"name\":\"")) {
            if (!snap.startsWith("[")) {
                String name = snap.substring(0, snap.indexOf('"'));
                tryRun("rbd", "snap", "unprotect", pool + "/" + image + "@" + name);
            }
        }
        rbd("snap", "purge", pool + "/" + image);
        rbd("rm", "--no-progress", pool + "/" + image);
    }

    String run(String tool, String... args) {
        Result result = tryRun(tool, args);
        if (result.exit() != 0) {
            throw new AssertionError(tool + " " + String.join(" ", args) + " failed: " + result.output());
        }
        return result.output();
    }

    record Result(int exit, String output) {}

    Result tryRun(String tool, String... args) {
        List<String> command = new ArrayList<>(List.of(tool, "--conf", conf, "--id", "admin", "--keyring",
                adminKeyring));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(tool + " timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::strip).filter(s -> !s.isEmpty());
    }
}
