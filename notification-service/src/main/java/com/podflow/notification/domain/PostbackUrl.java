package com.podflow.notification.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** A client's postback target: an absolute http(s) URL with a host. */
public record PostbackUrl(String value) {
    static final int MAX_LENGTH = 2048;
    static final String RULE = "url must be an absolute http(s) URL";

    public PostbackUrl {
        if (value == null || value.isBlank()) {
            throw new InvalidPostbackUrlException(RULE);
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidPostbackUrlException(RULE + " of at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidPostbackUrlException(RULE + ": " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getHost().isEmpty()) {
            throw new InvalidPostbackUrlException(RULE);
        }
    }

    /** Reads a URL as a client or operator typed it (surrounding blanks dropped). */
    public static PostbackUrl parse(String text) {
        return new PostbackUrl(text == null ? null : text.strip());
    }
}
