package com.podflow.support.api;

/** The error body of every API answer that is not a success: {@code {"code": 400, "message": "..."}}. */
public record ApiError(int code, String message) {}
