package io.vieweratlas.export;

import java.util.Locale;

/**
 * Stable community colours: community {@code k} always gets the same colour. The first 20 are a
 * hand-picked set of distinguishable hues (ordered so that neighbours in the list differ strongly);
 * beyond that, hues follow the golden angle. Unassigned channels are grey.
 */
public final class Palette {

    /** Colour of channels in no community. */
    public static final int UNASSIGNED = 0x8A8F98;

    private static final int[] BASE = {
        0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0x17BECF,
        0xBCBD22, 0x9467BD, 0xE377C2, 0xFFBE7D, 0xF0027F, 0xA0CBE8, 0x8CD17D, 0xE31A1C, 0x7F7FFF, 0x1B9E77,
    };

    private Palette() {
    }

    /** The colour of {@code community} as {@code 0xRRGGBB}; grey for a negative (unassigned) id. */
    public static int rgb(int community) {
        if (community < 0) {
            return UNASSIGNED;
        }
        if (community < BASE.length) {
            return BASE[community];
        }
        double hue = ((community - BASE.length) * 0.381966 + 0.13) % 1.0;
        double sat = 0.55 + 0.25 * ((community / 7) % 2);
        double val = 0.80 + 0.15 * ((community / 3) % 2);
        return java.awt.Color.HSBtoRGB((float) hue, (float) sat, (float) val) & 0xFFFFFF;
    }

    /** The colour of {@code community} as {@code #rrggbb}. */
    public static String hex(int community) {
        return String.format(Locale.ROOT, "#%06x", rgb(community));
    }
}
