package com.podflow.notification.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** A client's postback or webhook target: an absolute http(s) URL with a host and no credentials. */
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
        if (uri.getRawUserInfo() != null) {
            throw new InvalidPostbackUrlException("url must not contain credentials (user:password@)");
        }
    }

    /** Reads a URL as a client or operator typed it (surrounding blanks dropped). */
    public static PostbackUrl parse(String text) {
        return new PostbackUrl(text == null ? null : text.strip());
    }

    /** Refuses plain http where only https is allowed (everywhere but the dev and test profiles). */
    public PostbackUrl requireHttps(boolean httpAllowed) {
        if (!httpAllowed && !value.toLowerCase(Locale.ROOT).startsWith("https:")) {
            throw new InvalidPostbackUrlException("url must use https");
        }
        return this;
    }

    public URI uri() {
        return URI.create(value);
    }
}
