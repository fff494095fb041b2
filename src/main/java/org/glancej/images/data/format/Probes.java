package org.glancej.images.data.format;

import java.util.List;

/** Every known format, most specific first: when several match, the first one names the result. */
final class Probes {
    private Probes() {}

    static List<FormatProbe> all() {
        return List.of(new Qcow2Probe(), new VmdkProbe(), new VhdProbe(), new VhdxProbe(),
                new SimpleHeaderProbes.Vdi(), new SimpleHeaderProbes.Qed(), new SimpleHeaderProbes.Luks(),
                new IsoProbe(), new GptProbe());
    }
}
