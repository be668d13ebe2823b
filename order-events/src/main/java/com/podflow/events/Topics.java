package com.podflow.events;

/** Kafka topic names; every event of one order is keyed by its order id so it stays on one partition. */
public final class Topics {
    /** OrderReceived and the other intake commands (cancel, shipment update, reprocess). */
    public static final String ORDERS_INTAKE = "orders.intake";
    /** ValidationPassed / ValidationFailed from validation-service and file-fetcher. */
    public static final String ORDERS_VALIDATION = "orders.validation";
    /** Production and shipping reports from facilities. */
    public static final String ORDERS_PRODUCTION = "orders.production";
    /** Facilities' reports (accepted, printed, shipped …); one writer per topic, so not on ORDERS_PRODUCTION. */
    public static final String ORDERS_PRODUCTION_REPORTS = "orders.production-reports";
    /** OrderStatusChanged from the ledger. */
    public static final String ORDERS_STATUS = "orders.status";

    private Topics() {
    }

    /** The dead-letter topic of a consumed topic: poison records go there with the error. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
