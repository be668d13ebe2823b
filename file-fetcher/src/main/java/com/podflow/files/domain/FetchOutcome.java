package com.podflow.files.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What happened when one URL was fetched; every outcome but {@link Fetched} is a problem the client can act on. */
public sealed interface FetchOutcome {

    /** The message a user reads for this outcome of {@code url}; empty when the file was fetched. */
    Optional<String> problem(String url);

    /** Whether trying again later may succeed (network trouble, 5xx, 429, timeouts). */
    default boolean transientProblem() {
        return false;
    }

    /**
     * The server answered with a 2xx status and the whole body arrived in {@code file} (a temporary file the caller
     * deletes or moves), {@code sizeBytes} long with SHA-256 {@code sha256} (hex); {@code contentType} as the server
     * declared it (may be null; the bytes decide what the file is); {@code etag} and {@code lastModified} are the
     * answer's validators (null when it sent none), for asking later whether the file changed.
     */
    record Fetched(int status, Path file, String sha256, long sizeBytes, String contentType, String etag,
            String lastModified) implements FetchOutcome {
        public Fetched(int status, Path file, String sha256, long sizeBytes, String contentType) {
            this(status, file, sha256, sizeBytes, contentType, null, null);
        }

        @Override
        public Optional<String> problem(String url) {
            return Optional.empty();
        }
    }

    /**
     * The server answered 304 to a conditional request: the file is still the one the validators were taken from (the
     * caller knows which, and has its bytes). Only a request that sent validators can have this outcome.
     */
    record NotModified() implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.empty();
        }
    }

    /** The server answered with a status other than 2xx or a redirect. */
    record HttpError(int status) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.of(url + " answered HTTP " + status);
        }

        @Override
        public boolean transientProblem() {
            return status >= 500 || status == 408 || status == 429;
        }
    }

    /** No complete answer within the fetch timeout. */
    record TimedOut(long afterMs) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.of(url + " timed out after " + Numbers.seconds(afterMs));
        }

        @Override
        public boolean transientProblem() {
            return true;
        }
    }

    /** No connection, or it broke: unknown host, connection refused, TLS failure, reset. */
    record Unreachable(String reason) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.of(url + " could not be reached: " + reason);
        }

        @Override
        public boolean transientProblem() {
            return !reason.equals("unknown host") && !reason.startsWith("TLS failed");
        }
    }

    /** The file is larger than the limit; {@code declaredBytes} is its Content-Length, or -1 when it was streamed. */
    record TooLarge(long limitBytes, long declaredBytes) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.of(url + " is larger than the " + Numbers.megabytes(limitBytes) + " limit"
                    + (declaredBytes >= 0 ? " (" + Numbers.megabytes(declaredBytes) + ")" : ""));
        }
    }

    /**
     * {@code hopUrl} (the URL itself, or where it redirected) resolves to an address that is not public; never
     * contacted.
     */
    record NotPublic(String hopUrl, String reason) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            String where = url.equals(hopUrl) ? url : url + " redirects to " + hopUrl + ", which";
            return Optional.of(where + " is not public: " + reason + "; give a URL on the public internet");
        }
    }

    /** More redirects than allowed. */
    record TooManyRedirects(int limit) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.of(url + " redirects more than " + limit + " times");
        }
    }

    /** A redirect to a URL that cannot be fetched ({@code problem} says why). */
    record BadRedirect(String location, String problem) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return Optional.of(url + " redirects to " + location + ", which " + problem);
        }
    }

    /** {@code last} is what happened on the last of {@code attempts} tries of a problem that may have been passing. */
    record GaveUp(FetchOutcome last, int attempts) implements FetchOutcome {
        @Override
        public Optional<String> problem(String url) {
            return last.problem(url).map(p -> p + " (" + attempts + " attempts)");
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
