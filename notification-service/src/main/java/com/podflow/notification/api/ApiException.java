package com.podflow.notification.api;

/** A refusal with an HTTP status and a message that says what is wrong. */
public class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
