package com.podflow.events;

/** Names of the validators that report on {@link Topics#ORDERS_VALIDATION}. */
public final class Validators {
    /** Required fields and formats (validation-service). */
    public static final String DATA = "data";
    /** Print files downloadable and printable (file-fetcher). */
    public static final String FILES = "files";
    /** validation-service: the productUid exists; a customer product is connected to a catalog product. */
    public static final String PRODUCT = "product";
    /** validation-service: destination, availability, quantity, shipment method, facility, cross-border prices. */
    public static final String RULES = "rules";

    private Validators() {
    }
}
