package com.podflow.support.api;

import java.util.List;

/** A refusal with an HTTP status and a message that tells the client what to fix. */
public class ApiException extends RuntimeException {
    private final int status;
    private final List<ApiError.FieldError> errors;
    private final String orderId;

    public ApiException(int status, String message) {
        this(status, message, null, null);
    }

    public ApiException(int status, String message, List<ApiError.FieldError> errors, String orderId) {
        super(message);
        this.status = status;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.orderId = orderId;
    }

    public int status() {
        return status;
    }

    /** The body this refusal is answered with. */
    public ApiError body() {
        return new ApiError(status, getMessage(), errors, orderId);
    }
}
