package org.glancej.images.data.format;

import java.util.Random;

/** Feeds bytes to a fresh inspector in the ways an upload might deliver them. */
enum Feed {
    WHOLE {
        @Override
        InspectionResult inspect(byte[] data) {
            FormatInspector inspector = FormatInspector.create();
            inspector.update(data, 0, data.length);
            return inspector.finish();
        }
    },
    TINY_RANDOM_CHUNKS {
        @Override
        InspectionResult inspect(byte[] data) {
            return chunked(data, new Random(data.length), 1, 7);
        }
    },
    CHUNKS_64K {
        @Override
        InspectionResult inspect(byte[] data) {
            return chunked(data, null, 64 * 1024, 64 * 1024);
        }
    },
    ODD_CHUNKS_AROUND_1M {
        @Override
        InspectionResult inspect(byte[] data) {
            return chunked(data, new Random(7), 1024 * 1024 - 4096, 1024 * 1024 + 4096);
        }
    };

    abstract InspectionResult inspect(byte[] data);

    static InspectionResult chunked(byte[] data, Random random, int min, int max) {
        FormatInspector inspector = FormatInspector.create();
        // offsets into a larger array make sure `off` is honoured
        byte[] buffer = new byte[max + 3];
        for (int pos = 0; pos < data.length; ) {
            int size = Math.min(data.length - pos, random == null ? min : min + random.nextInt(max - min + 1));
            System.arraycopy(data, pos, buffer, 3, size);
            inspector.update(buffer, 3, size);
            pos += size;
        }
        return inspector.finish();
    }
}
