package com.podflow.runner.benchmark;

import java.util.Arrays;

/** Latencies in nanoseconds, recorded from many threads, read as percentiles once a load has ended. */
final class Latencies {
    /** Stands for a latency that never ended within the wait (an order that was never created). */
    static final long NEVER = Long.MAX_VALUE;

    private long[] values = new long[4096];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int size() {
        return size;
    }

    /** The {@code p} quantile (0..1) by the nearest-rank method; {@link #NEVER} if it falls on one that never ended. */
    synchronized long percentile(double p) {
        if (size == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    /** Milliseconds (or seconds from 10 s on) for a table, "never" for {@link #NEVER}, "-" for none. */
    static String format(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        if (nanos == NEVER) {
            return "never";
        }
        double millis = nanos / 1e6;
        return millis < 10_000
                ? String.format(java.util.Locale.ROOT, "%.1f ms", millis)
                : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000);
    }
}
