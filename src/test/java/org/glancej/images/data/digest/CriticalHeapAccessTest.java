package org.glancej.images.data.digest;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Pins what OpenSslDigest relies on: a critical downcall with heap access hands native code the address of the
 * {@code byte[]} slice itself, not of a copy. libc's memset shows it: its writes land in the Java array.
 */
class CriticalHeapAccessTest {
    private static final FunctionDescriptor MEMSET = FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG);
    private final Linker linker = Linker.nativeLinker();
    private final MemorySegment memset = linker.defaultLookup().find("memset").orElseThrow();

    @Test
    void nativeWritesLandInTheHeapArraySliceAndNowhereElse() throws Throwable {
        MethodHandle critical = linker.downcallHandle(memset, MEMSET, Linker.Option.critical(true));
        byte[] array = new byte[1 << 20];
        int offset = 4097;
        int length = array.length - offset - 3;

        MemorySegment returned = (MemorySegment) critical.invokeExact(
                MemorySegment.ofArray(array).asSlice(offset, length), 0x5a, (long) length);

        byte[] expected = new byte[array.length];
        Arrays.fill(expected, offset, offset + length, (byte) 0x5a);
        assertThat(array).isEqualTo(expected);
        assertThat(returned.address()).isNotZero();
    }

    @Test
    void withoutCriticalHeapAccessTheArrayWouldHaveToBeCopied() {
        MethodHandle plain = linker.downcallHandle(memset, MEMSET);
        byte[] array = new byte[16];

        assertThatThrownBy(() -> {
            MemorySegment ignored = (MemorySegment) plain.invokeExact(MemorySegment.ofArray(array), 1, 16L);
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Heap segment");
    }
}
