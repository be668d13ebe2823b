package com.podflow.events;

/** The refusal reason codes a failed order carries ({@code refusalReasonCode}). */
public final class RefusalCodes {
    public static final String MISSING_REQUIRED_FIELD = "missing_required_field";
    public static final String INVALID_ADDRESS = "invalid_address";
    public static final String INVALID_EMAIL = "invalid_email";
    public static final String INVALID_PHONE = "invalid_phone";
    /** A field in the wrong format that is not part of the address (currency, file type or URL, a number). */
    public static final String INVALID_FIELD = "invalid_field";
    public static final String INVALID_PRODUCT = "invalid_product";
    public static final String NOT_CONNECTED = "not_connected";
    public static final String PRODUCT_UNAVAILABLE = "product_unavailable";
    public static final String QUANTITY_LIMIT = "quantity_limit";
    public static final String SHIPMENT_NOT_POSSIBLE = "shipment_not_possible";
    public static final String MISSING_RETAIL_PRICES = "missing_retail_prices";
    public static final String DOWNLOAD_FAILED = "download_failed";
    public static final String FILE_FORMAT = "file_format";
    public static final String FILE_QUALITY = "file_quality";
    /** A validator crashed; the order fails visibly instead of waiting forever. */
    public static final String INTERNAL_ERROR = "internal_error";

    /** The prefix of a facility's error code when production fails ({@code production_<code>}). */
    public static final String PRODUCTION_PREFIX = "production_";
    /** Not a refusal: the note and status event of a created order its facility has not confirmed in time. */
    public static final String HANDOVER_OVERDUE = "handover_overdue";
    /**
     * A required validator did not report the attempt within {@code ledger.stalled.validator-timeout}: the attempt
     * fails with this code (when no validator refused it), naming the validator.
     */
    public static final String VALIDATOR_TIMEOUT = "validator_timeout";
    /** Not a refusal: the note and status event of an order past its status's time limit ({@code ledger.stalled.*}). */
    public static final String ORDER_STALLED = "order_stalled";

    private RefusalCodes() {
    }
}
