package com.podflow.notification.domain;

import java.util.Arrays;

/** How one postback attempt ended, in the spelling of the log and the API. */
public enum DeliveryOutcome {
    /** The target answered 2xx. */
    DELIVERED,
    /** Any other answer (redirects are not followed), a timeout or no connection. */
    FAILED,
    /** The client has no postback URL: nothing was sent. */
    NO_TARGET;

    public String wireName() {
        return name().toLowerCase();
    }

    public static DeliveryOutcome fromWireName(String value) {
        return Arrays.stream(values())
                .filter(o -> o.wireName().equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown delivery outcome '" + value + "'"));
    }

    static DeliveryOutcome ofStatus(int statusCode) {
        return statusCode >= 200 && statusCode < 300 ? DELIVERED : FAILED;
    }
}
