package com.podflow.notification.domain;

import java.time.Instant;

/** One row of the postback log: what was sent for an event, where, and how it went. */
public record DeliveryAttempt(String eventId, String clientId, String orderId, String url, String payload,
        DeliveryOutcome outcome, Integer statusCode, String responseExcerpt, String error, long durationMs,
        Instant attemptedAt) {

    /** How much of a target's answer the log keeps. */
    public static final int EXCERPT_CHARS = 1000;

    /** Nothing was sent: the client has no postback URL. */
    public static DeliveryAttempt noTarget(PostbackPayload payload, String json, Instant at) {
        return new DeliveryAttempt(payload.eventId(), payload.clientId(), payload.orderId(), null, json,
                DeliveryOutcome.NO_TARGET, null, null, null, 0, at);
    }

    /** The target answered: 2xx is delivered, anything else (a redirect too) failed. */
    public static DeliveryAttempt answered(PostbackPayload payload, String json, String url, int statusCode,
            String body, long durationMs, Instant at) {
        DeliveryOutcome outcome = DeliveryOutcome.ofStatus(statusCode);
        return new DeliveryAttempt(payload.eventId(), payload.clientId(), payload.orderId(), url, json, outcome,
                statusCode, excerpt(body), outcome == DeliveryOutcome.DELIVERED ? null : "HTTP " + statusCode,
                durationMs, at);
    }

    /** No answer: a timeout, a refused connection, a TLS or DNS failure. */
    public static DeliveryAttempt unanswered(PostbackPayload payload, String json, String url, String error,
            long durationMs, Instant at) {
        return new DeliveryAttempt(payload.eventId(), payload.clientId(), payload.orderId(), url, json,
                DeliveryOutcome.FAILED, null, null, error, durationMs, at);
    }

    public static String excerpt(String answer) {
        if (answer == null || answer.isEmpty()) {
            return null;
        }
        // PostgreSQL text cannot hold NUL
        String body = answer.replace('\0', '\uFFFD');
        if (body.length() <= EXCERPT_CHARS) {
            return body;
        }
        // never cut a surrogate pair in half
        int end = Character.isHighSurrogate(body.charAt(EXCERPT_CHARS - 1)) ? EXCERPT_CHARS - 1 : EXCERPT_CHARS;
        return body.substring(0, end);
    }
}
