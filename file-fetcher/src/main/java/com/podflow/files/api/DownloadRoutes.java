package com.podflow.files.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.podflow.files.domain.DownloadLinks;
import com.podflow.files.inspect.FileInspector;
import com.podflow.files.store.FileStore;
import com.podflow.support.api.ApiError;

/**
 * {@code GET} and {@code HEAD /files/v1/<sha256>?expires=…&sig=…}: the checked copy of a file, for a facility holding a
 * link signed by this service ({@link DownloadLinks}). No API key: the signature is the permission, and it names one
 * file until one instant. Streams from the store (the operating system copies the bytes), with the media type by the
 * bytes, the length, the SHA-256 as a strong ETag, and a single {@code Range} ({@code 206}); {@code 403} for a link
 * that is not ours or expired, {@code 404} for a signed link to a file the store does not hold. A Vert.x route, not a
 * JAX-RS resource, for {@code sendFile} with an offset and length.
 */
@ApplicationScoped
public class DownloadRoutes {
    private static final Logger LOG = Logger.getLogger(DownloadRoutes.class);
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    private final DownloadLinks links;
    private final FileStore store;

    public DownloadRoutes(DownloadLinks links, FileStore store) {
        this.links = links;
        this.store = store;
    }

    void register(@Observes Router router) {
        router.route(DownloadLinks.PATH + ":sha256").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(this::serve);
    }

    /** A stored copy found for a valid link: its path, length and media type. */
    private record Stored(Path path, long size, String mediaType) {}

    void serve(RoutingContext context) {
        HttpServerRequest request = context.request();
        String sha256 = context.pathParam("sha256");
        String expires = request.getParam("expires");
        switch (links.verify(sha256, expires, request.getParam("sig"))) {
            case BAD_SIGNATURE -> {
                error(context, 403, "this download link is not valid: its signature does not match (use the"
                        + " downloadUrl exactly as the order's checked file gives it)");
                return;
            }
            case EXPIRED -> {
                error(context, 403, "this download link expired at " + java.time.Instant.ofEpochSecond(
                        Long.parseLong(expires)) + "; the order's checked files carry links valid for "
                        + links.ttl().toDays() + " days from the check");
                return;
            }
            case VALID -> {
            }
        }
        long maxAge = links.secondsLeft(Long.parseLong(expires));
        context.vertx().<Optional<Stored>>executeBlocking(() -> find(sha256), false).onComplete(found -> {
            if (found.failed()) {
                LOG.errorf(found.cause(), "cannot read the stored copy %s", sha256);
                error(context, 500, "the file cannot be read right now; try again later");
            } else if (found.result().isEmpty()) {
                error(context, 404, "no file with SHA-256 " + sha256 + " is stored here");
            } else {
                send(context, sha256, found.result().get(), maxAge);
            }
        });
    }

    private Optional<Stored> find(String sha256) throws IOException {
        Optional<Path> path = store.find(sha256);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Stored(path.get(), Files.size(path.get()), FileInspector.mediaType(path.get())));
    }

    private static void send(RoutingContext context, String sha256, Stored stored, long maxAge) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        String etag = "\"" + sha256 + "\"";
        String extension = switch (stored.mediaType()) {
            case "application/pdf" -> ".pdf";
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            default -> "";
        };
        response.putHeader(HttpHeaders.CONTENT_TYPE, stored.mediaType())
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
                .putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=" + maxAge)
                .putHeader("Content-Disposition", "attachment; filename=\"" + sha256 + extension + "\"")
                .putHeader("X-Content-Type-Options", "nosniff");
        if (etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        long offset = 0;
        long length = stored.size();
        String range = request.getHeader("Range");
        String ifRange = request.getHeader("If-Range");
        if (range != null && (ifRange == null || ifRange.equals(etag))) {
            Matcher m = RANGE.matcher(range.trim());
            // one range only; several (or another unit) get the whole file, which RFC 9110 allows
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty()) && !backwards(m.group(1), m.group(2))) {
                long[] span = span(m.group(1), m.group(2), stored.size());
                if (span == null) {
                    response.setStatusCode(416).putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + stored.size())
                            .end();
                    return;
                }
                offset = span[0];
                length = span[1] - span[0] + 1;
                response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE,
                        "bytes " + span[0] + "-" + span[1] + "/" + stored.size());
            }
        }
        response.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(length));
        if (request.method() == HttpMethod.HEAD) {
            response.end();
        } else {
            response.sendFile(stored.path().toString(), offset, length);
        }
    }

    /** {@code bytes=9-5}: not a valid range, so ignored (the whole file), not unsatisfiable. */
    private static boolean backwards(String first, String last) {
        try {
            return !first.isEmpty() && !last.isEmpty() && Long.parseLong(last) < Long.parseLong(first);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** First and last byte of {@code bytes=first-last}, {@code first-} or {@code -suffix}; null if unsatisfiable. */
    static long[] span(String first, String last, long size) {
        try {
            if (first.isEmpty()) { // the last n bytes
                long suffix = Long.parseLong(last);
                return suffix == 0 || size == 0 ? null : new long[]{Math.max(0, size - suffix), size - 1};
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            return start >= size || end < start ? null : new long[]{start, end};
        } catch (NumberFormatException e) { // more digits than a long holds
            return null;
        }
    }

    private static void error(RoutingContext context, int status, String message) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(Json.encode(new ApiError(status, message)));
    }
}
