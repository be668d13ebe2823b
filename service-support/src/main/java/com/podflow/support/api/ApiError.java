package com.podflow.support.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The error body of every API answer that is not a success: {@code {"code": 400, "message": "..."}} as in the API
 * reference, plus, where they apply, {@code errors} (one entry per field at fault, for programs) and {@code orderId}
 * (the existing order a duplicate refers to).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int code, String message, List<FieldError> errors, String orderId) {

    public ApiError(int code, String message) {
        this(code, message, null, null);
    }

    /** One field at fault: its JSON path, a refusal code and the message. */
    public record FieldError(String field, String code, String message) {}
}
