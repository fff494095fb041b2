package org.glancej.images.data.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Detects an image's disk format, virtual size and safety problems from its bytes as they stream through an
 * upload, running every known format's probe at once.
 *
 * <p>Only bounded windows of the stream are kept: the first 64 KiB, the last 1.5 KiB, and windows that a
 * format's header points to (a VMDK descriptor, VHDX region and metadata tables), at most
 * {@value #MAX_RETAINED} bytes in all and never past {@value #CAPTURE_LIMIT} bytes into the stream. Metadata
 * that lies outside those bounds is reported as a safety violation rather than buffered. Once the windows are
 * filled, {@link #update} costs a comparison and a copy of at most 1.5 KiB.
 *
 * <p>Not thread-safe: one inspector per stream, fed in order.
 */
public final class FormatInspector {
    static final int HEAD_SIZE = 64 * 1024;
    static final int TAIL_SIZE = 1536;
    static final int MAX_WINDOW = 1024 * 1024;
    static final long CAPTURE_LIMIT = 64L * 1024 * 1024;
    static final int MAX_RETAINED = 2 * 1024 * 1024;

    private record Pending(ByteWindow window, Consumer<ByteWindow> whenComplete) {}

    private final List<FormatProbe> probes;
    private final List<Pending> pending = new ArrayList<>();
    private final List<String> internalErrors = new ArrayList<>();
    private final TailBuffer tail = new TailBuffer(TAIL_SIZE);
    private final ByteWindow head;
    private long position;
    private long captureEnd;
    private long retained;
    private boolean headAnnounced;
    private InspectionResult result;

    FormatInspector(List<FormatProbe> probes) {
        this.probes = List.copyOf(probes);
        this.head = request(0, HEAD_SIZE, window -> announceHead());
    }

    /** An inspector that considers every known format. */
    public static FormatInspector create() {
        return new FormatInspector(Probes.all());
    }

    /**
     * Feeds the next bytes of the image.
     *
     * @throws IndexOutOfBoundsException if {@code off} and {@code len} do not describe a range of {@code buf}
     * @throws IllegalStateException if {@link #finish()} was already called
     */
    public void update(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (result != null) {
            throw new IllegalStateException("inspection already finished");
        }
        long start = position;
        if (start < captureEnd) {
            capture(buf, off, len, start);
        }
        position = start + len;
        tail.write(buf, off, len);
    }

    /**
     * How many of the next bytes the inspection can do without, when {@code remaining} bytes are left in the
     * stream: none while the head or a requested window still waits for bytes, otherwise all but the last
     * {@value #TAIL_SIZE}. A file can then be inspected from its start and its end alone.
     */
    public long skippable(long remaining) {
        if (result != null || !headAnnounced || position < captureEnd) {
            return 0;
        }
        return Math.max(0, remaining - TAIL_SIZE);
    }

    /**
     * Passes over {@code n} bytes without reading them.
     *
     * @throws IllegalStateException if {@code n} is more than {@link #skippable} allowed for {@code remaining}
     */
    public void skip(long n, long remaining) {
        if (n < 0 || n > skippable(remaining)) {
            throw new IllegalStateException("cannot skip " + n + " bytes here");
        }
        position += n;
        tail.skip(n);
    }

    /** Concludes the inspection after the last byte; later calls return the same result. */
    public InspectionResult finish() {
        if (result == null) {
            if (!headAnnounced) {
                announceHead();
            }
            pending.clear();
            captureEnd = 0;
            FormatProbe.Stream stream = new FormatProbe.Stream(head, tail.snapshot(), position);
            List<InspectionResult> matches = new ArrayList<>();
            for (FormatProbe probe : probes) {
                guarded(probe, () -> probe.verdict(stream).ifPresent(matches::add));
            }
            result = Resolution.decide(matches, position, internalErrors);
        }
        return result;
    }

    /** Bytes held for inspection, for tests of the memory bound. */
    long retainedBytes() {
        return retained + TAIL_SIZE;
    }

    private void capture(byte[] buf, int off, int len, long start) {
        // windows requested by a completion callback are appended and still see this chunk
        for (int i = 0; i < pending.size(); ) {
            Pending next = pending.get(i);
            next.window().offer(buf, off, len, start);
            if (next.window().isSettled()) {
                pending.remove(i);
                if (next.window().isComplete()) {
                    next.whenComplete().accept(next.window());
                }
            } else {
                i++;
            }
        }
        long end = 0;
        for (Pending p : pending) {
            end = Math.max(end, p.window().end());
        }
        captureEnd = end;
    }

    private ByteWindow request(long offset, int length, Consumer<ByteWindow> whenComplete) {
        if (offset < 0 || length <= 0 || length > MAX_WINDOW || offset > CAPTURE_LIMIT - length
                || retained + length > MAX_RETAINED) {
            return ByteWindow.unobtainable(offset, length);
        }
        ByteWindow window = ByteWindow.capturing(offset, length);
        retained += length;
        if (head != null) {
            window.backfillFrom(head);
        }
        window.missIfBehind(position);
        if (window.isComplete()) {
            whenComplete.accept(window);
        } else if (!window.isSettled() && result == null) {
            pending.add(new Pending(window, whenComplete));
            captureEnd = Math.max(captureEnd, window.end());
        }
        return window;
    }

    private void announceHead() {
        headAnnounced = true;
        for (FormatProbe probe : probes) {
            FormatProbe.Capture capture = (offset, length, whenComplete) ->
                    request(offset, length, window -> guarded(probe, () -> whenComplete.accept(window)));
            guarded(probe, () -> probe.onHead(head, capture));
        }
    }

    // A parsing bug must not break the upload stream, nor let an image through unchecked.
    private void guarded(FormatProbe probe, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            internalErrors.add(probe.name() + ": inspection failed (" + e.getClass().getSimpleName() + ")");
        }
    }
}
