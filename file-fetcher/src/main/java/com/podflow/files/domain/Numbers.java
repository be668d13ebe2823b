package com.podflow.files.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers as messages show them: millimetres to one decimal, sizes in MB, durations in seconds. */
public final class Numbers {
    private Numbers() {
    }

    /** {@code 210}, {@code 215.9}. */
    public static String mm(double mm) {
        return plain(BigDecimal.valueOf(mm).setScale(1, RoundingMode.HALF_UP));
    }

    /** {@code 100 MB}, {@code 5.2 MB} (1 MB = 1,000,000 bytes). */
    public static String megabytes(long bytes) {
        return plain(BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1_000_000), 1, RoundingMode.HALF_UP))
                + " MB";
    }

    /** {@code 30 s}, {@code 1.5 s}. */
    public static String seconds(long millis) {
        return plain(BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(1000), 3, RoundingMode.HALF_UP)) + " s";
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
