package com.podflow.events;

/** A record that is not a readable event of a known type and version: it belongs on a dead-letter topic. */
public class EventDecodingException extends RuntimeException {
    public EventDecodingException(String message) {
        super(message);
    }

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
