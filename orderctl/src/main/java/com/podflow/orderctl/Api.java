package com.podflow.orderctl;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/** The suite's admin API (intake-api, {@code X-ADMIN-KEY}) as JSON in, JSON out; any non-2xx is an {@link Failure}. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final URI base;
    private final String adminKey;
    private final HttpClient http;
    private final Duration timeout;

    Api(String baseUrl, String adminKey, Duration timeout) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.adminKey = adminKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** An answer the suite refused, or no answer at all; the message is what the user reads. */
    static final class Failure extends RuntimeException {
        final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    JsonNode get(String path, Map<String, String> query) {
        return send("GET", path + queryString(query), null);
    }

    JsonNode post(String path, Map<String, String> query, Object body) {
        return send("POST", path + queryString(query), body);
    }

    /** Query parameters without the null ones, URL-encoded, in the given order. */
    static String queryString(Map<String, String> query) {
        if (query == null) {
            return "";
        }
        String q = query.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }

    static Map<String, String> params(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, Object body) {
        URI uri = base.resolve(path.startsWith("/") ? path.substring(1) : path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("X-ADMIN-KEY", adminKey);
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new Failure(response.statusCode(), method + " " + uri.getPath() + ": " + response.statusCode()
                        + " " + errorMessage(response.body()));
            }
            String text = response.body();
            return text == null || text.isBlank() ? NullNode.getInstance() : JSON.readTree(text);
        } catch (ConnectException e) {
            throw new Failure(0, "cannot reach the suite at " + base + " (is ./run.sh running? --url or PODFLOW_URL)");
        } catch (IOException e) {
            throw new Failure(0, method + " " + uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(0, "interrupted");
        }
    }

    /** The ApiError's message where the body is one, else the body itself (shortened). */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException notJson) {
            // shown as it came
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
