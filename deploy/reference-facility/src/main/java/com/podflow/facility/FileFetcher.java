package com.podflow.facility;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** Downloads a checked copy through its signed link and checks its SHA-256 against the one in the request. */
final class FileFetcher {
    private final HttpClient http;
    private final Duration timeout;

    FileFetcher(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** A file the facility cannot use; {@code code} goes into the error report. */
    static final class FileProblem extends Exception {
        final String code;

        FileProblem(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** The SHA-256 of the fetched bytes, which equals the expected one, or a {@link FileProblem}. */
    String fetch(ProductionRequest.FileToFetch file) throws FileProblem, InterruptedException {
        if (file.downloadUrl() == null || file.downloadUrl().isBlank()) {
            throw new FileProblem("file_unavailable", file.label() + " has no downloadUrl");
        }
        String actual;
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(file.downloadUrl()))
                    .timeout(timeout).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new FileProblem("file_unavailable", file.label() + ": HTTP " + response.statusCode()
                            + " from " + withoutQuery(file.downloadUrl()));
                }
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (DigestInputStream in = new DigestInputStream(body, sha)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                actual = HexFormat.of().formatHex(sha.digest());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new FileProblem("file_unavailable", file.label() + ": cannot fetch "
                    + withoutQuery(file.downloadUrl()) + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (!actual.equalsIgnoreCase(file.sha256())) {
            throw new FileProblem("file_checksum_mismatch", file.label() + ": SHA-256 " + actual
                    + " differs from the checked " + file.sha256());
        }
        return actual;
    }

    /** The link without its signature, for messages and logs. */
    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
