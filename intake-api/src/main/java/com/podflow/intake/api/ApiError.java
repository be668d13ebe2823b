package com.podflow.intake.api;

/** The error body of the Order API: {@code {"code": 400, "message": "..."}}. */
public record ApiError(int code, String message) {}
