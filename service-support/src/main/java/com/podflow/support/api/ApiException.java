package com.podflow.support.api;

/** A refusal with an HTTP status and a message that tells the client what to fix. */
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
