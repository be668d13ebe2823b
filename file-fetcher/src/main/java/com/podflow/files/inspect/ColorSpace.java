package com.podflow.files.inspect;

import java.util.Set;

/**
 * The colours a file uses, as {@code CheckedFile.colorSpace} names them: grey only, RGB, CMYK, or RGB and CMYK both
 * (a PDF). Grey goes with either without changing the answer: it prints as black ink.
 */
public enum ColorSpace {
    GRAY("gray"), RGB("rgb"), CMYK("cmyk"), MIXED("mixed");

    public final String wireName;

    ColorSpace(String wireName) {
        this.wireName = wireName;
    }

    /** Whether print has to convert colours of this file from RGB. */
    public boolean hasRgb() {
        return this == RGB || this == MIXED;
    }

    /** The file's colour space from those of its parts; null when it sets none. */
    static ColorSpace of(Set<ColorSpace> found) {
        boolean rgb = found.contains(RGB) || found.contains(MIXED);
        boolean cmyk = found.contains(CMYK) || found.contains(MIXED);
        if (rgb && cmyk) {
            return MIXED;
        }
        if (rgb) {
            return RGB;
        }
        if (cmyk) {
            return CMYK;
        }
        return found.contains(GRAY) ? GRAY : null;
    }
}
