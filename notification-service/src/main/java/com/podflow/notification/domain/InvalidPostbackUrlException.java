package com.podflow.notification.domain;

/** A postback URL that cannot be used; the message names the field and the rule. */
public class InvalidPostbackUrlException extends RuntimeException {
    public InvalidPostbackUrlException(String message) {
        super(message);
    }
}
