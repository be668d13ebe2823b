package com.podflow.events;

/** Names of the validators that report on {@link Topics#ORDERS_VALIDATION}. */
public final class Validators {
    /** Required fields and formats (validation-service). */
    public static final String DATA = "data";
    /** Print files downloadable and printable (file-fetcher). */
    public static final String FILES = "files";

    private Validators() {
    }
}
