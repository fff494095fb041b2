package org.glancej.imports.plugins;

import java.time.Duration;

/**
 * Resource limits for one {@code qemu-img} run, applied with util-linux {@code prlimit} as upstream applies them
 * through oslo.concurrency: CPU seconds ({@code RLIMIT_CPU}) and address space ({@code RLIMIT_AS}); plus a wall
 * clock limit after which the process is killed.
 */
record ProcessLimits(long cpuSeconds, long addressSpaceBytes, Duration wallClock) {
    private static final long GIB = 1L << 30;

    /** Upstream's {@code QEMU_IMG_PROC_LIMITS} for {@code qemu-img info}: 2 CPU seconds, 1 GiB of address space. */
    static final ProcessLimits INFO = new ProcessLimits(2, GIB, Duration.ofSeconds(30));

    /**
     * For {@code qemu-img convert}, which upstream runs without limits: 2 GiB of address space and CPU time
     * growing with the virtual size, 60 seconds plus 60 per GiB, where decompressing a compressed qcow2 or VMDK
     * takes a few seconds per GiB. A conversion streams (under 25 MiB resident), but its worker threads reserve
     * stacks and malloc arenas: 850 MiB of address space was measured with 11 threads, and under load 1 GiB made
     * thread creation fail; {@link QemuImg} caps the arenas at two.
     */
    static ProcessLimits convert(long virtualSize) {
        long gib = Math.max(1, (virtualSize + GIB - 1) / GIB);
        long cpu = 60 + Math.min(60 * gib, 24 * 3600);
        return new ProcessLimits(cpu, 2 * GIB, Duration.ofSeconds(cpu * 3 + 300));
    }

    String[] prlimitArguments() {
        return new String[] {"prlimit", "--cpu=" + cpuSeconds, "--as=" + addressSpaceBytes, "--"};
    }
}
