package com.podflow.files.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLException;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import com.podflow.files.config.FilesConfig;
import com.podflow.files.domain.FetchOutcome;

/**
 * Downloads files with the JDK HTTP client and reports each one's {@link FetchOutcome}; a network problem is an
 * outcome, not a failure. The body is discarded for now: this proves the file is there and complete.
 */
@ApplicationScoped
public class FileFetcher {
    private final HttpClient client;
    private final FilesConfig config;

    public FileFetcher(FilesConfig config) {
        this.config = config;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The outcome of each distinct URL, at most {@code files.max-concurrent-downloads} of them at a time. */
    public Uni<Map<String, FetchOutcome>> fetchAll(Collection<String> urls) {
        return Multi.createFrom().iterable(urls.stream().distinct().toList())
                .onItem().transformToUni(url -> fetch(url).map(outcome -> Map.entry(url, outcome)))
                .merge(config.maxConcurrentDownloads())
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Fetches one URL; URLs that are not http(s) are never requested. */
    public Uni<FetchOutcome> fetch(String url) {
        var refused = FetchOutcome.precheck(url);
        if (refused.isPresent()) {
            return Uni.createFrom().item(refused.get());
        }
        long timeoutMs = config.fetchTimeoutMs();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMillis(timeoutMs))
                .GET()
                .build();
        return Uni.createFrom().completionStage(() -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> response.statusCode() / 100 == 2
                        ? (FetchOutcome) new FetchOutcome.Fetched(response.statusCode())
                        : new FetchOutcome.HttpError(response.statusCode()))
                .onFailure(FileFetcher::isNetworkProblem).recoverWithItem(this::outcomeOf)
                // the request timeout ends when the headers arrive; this one also covers a body that trickles in
                // (giving up cancels the future of the request, which aborts the exchange)
                .ifNoItem().after(Duration.ofMillis(timeoutMs))
                .recoverWithItem(() -> new FetchOutcome.TimedOut(timeoutMs));
    }

    private static boolean isNetworkProblem(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof IOException || cause instanceof UnresolvedAddressException;
    }

    private FetchOutcome outcomeOf(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpConnectTimeoutException) {
            return new FetchOutcome.Unreachable("no connection within " + config.connectTimeoutMs() + " ms");
        }
        if (cause instanceof HttpTimeoutException) {
            return new FetchOutcome.TimedOut(config.fetchTimeoutMs());
        }
        return new FetchOutcome.Unreachable(reason(cause));
    }

    /** A short reason for a failed connection; the JDK often leaves the message of the outer exception empty. */
    static String reason(Throwable failure) {
        String message = null;
        boolean connect = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + (isBlank(t.getMessage()) ? t.getClass().getSimpleName() : t.getMessage());
            }
            connect |= t instanceof ConnectException;
            if (message == null && !isBlank(t.getMessage())) {
                message = t.getMessage();
            }
        }
        if (message != null) {
            return message;
        }
        return connect ? "connection refused" : failure.getClass().getSimpleName();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
