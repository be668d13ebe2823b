package com.podflow.files.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** What happened when one URL was fetched; every outcome but {@link Fetched} is a problem the client can act on. */
public sealed interface FetchOutcome {

    /** The message a user reads for this outcome of {@code url}; empty when the file was fetched. */
    Optional<String> problem(String url);

    /** The server answered with a 2xx status and the whole body arrived. */
    record Fetched(int status) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.empty();
        }
    }

    /** The server answered with a status other than 2xx (after following redirects). */
    record HttpError(int status) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.of(url + " answered HTTP " + status);
        }
    }

    /** No complete answer within the fetch timeout. */
    record TimedOut(long afterMs) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.of(url + " timed out after " + afterMs + " ms");
        }
    }

    /** No connection, or it broke: unknown host, connection refused, TLS failure, reset. */
    record Unreachable(String reason) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.of(url + " could not be reached: " + reason);
        }
    }

    /** A URL with a scheme other than http or https, or none; never fetched. */
    record NotHttp() implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.of(url + " is not an http(s) URL");
        }
    }

    /** Not a URL at all; never fetched. */
    record InvalidUrl(String reason) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.of(url + " is not a valid URL: " + reason);
        }
    }

    /**
     * The outcome a URL has without any network access: {@link NotHttp} or {@link InvalidUrl}, or empty when it can be
     * fetched.
     */
    static Optional<FetchOutcome> precheck(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(new InvalidUrl(e.getReason()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(new NotHttp());
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of(new InvalidUrl("it names no host"));
        }
        return Optional.empty();
    }
}
