package com.podflow.files.inspect;

/**
 * The print requirements: images must reach {@code minDpi} at the size they are printed; a page or image may be the
 * trim size or the trim plus {@code bleedMm} on each side, give or take {@code toleranceMm}; RGB colours are refused
 * when {@code refuseRgb}, else noted.
 */
public record InspectionSettings(int minDpi, double bleedMm, double toleranceMm, boolean refuseRgb) {

    /** RGB noted, not refused. */
    public InspectionSettings(int minDpi, double bleedMm, double toleranceMm) {
        this(minDpi, bleedMm, toleranceMm, false);
    }

    /** 300 DPI, 3 mm bleed, 1 mm tolerance, RGB noted. */
    public static InspectionSettings defaults() {
        return new InspectionSettings(300, 3, 1, false);
    }
}
