package org.glancej.images.data.format;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Recognises one format. A probe sees the head of the stream once it is captured, may ask for further
 * windows (whose offsets it learns from the head), and finally decides whether the image is of its format.
 * Probes keep per-stream state, so each inspector creates its own.
 */
interface FormatProbe {

    /** Lets a probe ask for more of the stream than the head and tail. */
    interface Capture {
        /**
         * Requests the bytes {@code [offset, offset + length)}. The returned window may never complete: when it
         * lies beyond the inspector's limits, when part of it already went by, or when the stream ends first.
         * {@code whenComplete} runs once, as soon as it is complete, possibly within the same update call.
         */
        ByteWindow request(long offset, int length, Consumer<ByteWindow> whenComplete);
    }

    /** What a probe sees at the end of the stream. */
    record Stream(ByteWindow head, ByteWindow tail, long totalBytes) {}

    /** The format name this probe reports. */
    String name();

    /** Called once, when the head is captured or the stream ended before filling it. */
    default void onHead(ByteWindow head, Capture capture) {}

    /** The probe's conclusion, or empty when the bytes are not of its format. */
    Optional<InspectionResult> verdict(Stream stream);
}
