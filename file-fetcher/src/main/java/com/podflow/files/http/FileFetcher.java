package com.podflow.files.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import org.jboss.logging.Logger;

import io.netty.channel.ConnectTimeoutException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import com.podflow.files.domain.FetchOutcome;
import com.podflow.files.domain.FileVersion;
import com.podflow.files.store.FileStore;

/**
 * Downloads files into temporary files of the store and reports each one's {@link FetchOutcome}; a network problem is
 * an outcome, not a failure. Every hop (the URL and each redirect) is resolved, checked against the
 * {@link com.podflow.files.domain.AddressPolicy} and then connected to at exactly the checked address, so a DNS answer
 * that changes between check and connect (rebinding) cannot reach a private address. Transient problems are retried
 * with exponential backoff; size and time are bounded per attempt.
 */
public class FileFetcher {
    private static final Logger LOG = Logger.getLogger(FileFetcher.class);

    private final Vertx vertx;
    private final HttpClient client;
    private final FetchSettings settings;
    private final FileStore store;
    private final Executor blocking;

    /** @param blocking runs DNS look-ups, which block */
    public FileFetcher(Vertx vertx, FetchSettings settings, FileStore store, Executor blocking) {
        this.vertx = vertx;
        this.settings = settings;
        this.store = store;
        this.blocking = blocking;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeoutMs()))
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxPoolSize(Math.max(1, settings.maxConcurrentDownloads()))
                .setTryUseCompression(false));
    }

    /** The outcome of each distinct URL, at most {@code maxConcurrentDownloads} of them at a time. */
    public Uni<Map<String, FetchOutcome>> fetchAll(Collection<String> urls) {
        return Multi.createFrom().iterable(urls.stream().distinct().toList())
                .onItem().transformToUni(url -> fetch(url).map(outcome -> Map.entry(url, outcome)))
                .merge(Math.max(1, settings.maxConcurrentDownloads()))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Fetches one URL, retrying transient problems; URLs that are not http(s) are never requested. A
     * {@link FetchOutcome.Fetched} hands its temporary file to the caller.
     */
    public Uni<FetchOutcome> fetch(String url) {
        return fetch(url, Optional.empty());
    }

    /**
     * Fetches one URL as {@link #fetch(String)} does, asking the server to answer {@link FetchOutcome.NotModified}
     * instead of the file when it is still {@code known} (a conditional GET). Every rule applies as to any fetch: the
     * address check on every hop, the time and size limits, the retries.
     */
    public Uni<FetchOutcome> fetch(String url, Optional<FileVersion> known) {
        Optional<FetchOutcome> refused = FetchOutcome.precheck(url);
        if (refused.isPresent()) {
            return Uni.createFrom().item(refused.get());
        }
        AtomicInteger attempts = new AtomicInteger();
        Uni<FetchOutcome> once = Uni.createFrom().deferred(() -> {
            attempts.incrementAndGet();
            return attempt(url, known);
        }).onItem().transformToUni(outcome -> outcome.transientProblem()
                ? Uni.createFrom().failure(new TransientProblem(outcome))
                : Uni.createFrom().item(outcome));
        if (settings.retries() > 0) {
            Duration backoff = Duration.ofMillis(Math.max(1, settings.retryBackoffMs()));
            once = once.onFailure(TransientProblem.class).invoke(e -> LOG.debugf("retrying %s: %s", url,
                    ((TransientProblem) e).outcome))
                    .onFailure(TransientProblem.class).retry()
                    .withBackOff(backoff, backoff.multipliedBy(1L << Math.min(10, settings.retries())))
                    .atMost(settings.retries());
        }
        return once.onFailure(TransientProblem.class).recoverWithItem(e -> {
            FetchOutcome last = ((TransientProblem) e).outcome;
            return attempts.get() > 1 ? new FetchOutcome.GaveUp(last, attempts.get()) : last;
        });
    }

    /** One try, redirects included, within the fetch timeout. */
    private Uni<FetchOutcome> attempt(String url, Optional<FileVersion> known) {
        long timeoutMs = settings.fetchTimeoutMs();
        return hop(URI.create(url), 0, known)
                // cancelling on timeout resets the request in flight and deletes its partial file
                .ifNoItem().after(Duration.ofMillis(timeoutMs))
                .recoverWithItem(() -> new FetchOutcome.TimedOut(timeoutMs));
    }

    private Uni<FetchOutcome> hop(URI uri, int redirects, Optional<FileVersion> known) {
        String host = uri.getHost();
        boolean ssl = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        int port = uri.getPort() >= 0 ? uri.getPort() : ssl ? 443 : 80;
        return resolve(host).onItem().transformToUni(addresses -> {
            if (addresses == null) {
                return Uni.createFrom().item(new FetchOutcome.Unreachable("unknown host"));
            }
            // every address the name has must be public: which one a later look-up would pick is not ours to know
            for (InetAddress address : addresses) {
                Optional<String> refusal = settings.addressPolicy().refusal(host, address);
                if (refusal.isPresent()) {
                    return Uni.createFrom().item(new FetchOutcome.NotPublic(uri.toString(), refusal.get()));
                }
            }
            return request(uri, host, port, ssl, addresses[0], known).onItem().transformToUni(result -> {
                if (result.location() == null) {
                    return Uni.createFrom().item(result.outcome());
                }
                return redirect(uri, result.location(), redirects, known);
            });
        });
    }

    private Uni<FetchOutcome> redirect(URI from, String location, int redirects, Optional<FileVersion> known) {
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(new FetchOutcome.BadRedirect(location, "is not a valid URL"));
        }
        Optional<FetchOutcome> refused = FetchOutcome.precheck(next.toString());
        if (refused.isPresent()) {
            String problem = refused.get().problem(next.toString()).orElse("").substring(next.toString().length())
                    .trim();
            return Uni.createFrom().item(new FetchOutcome.BadRedirect(next.toString(), problem));
        }
        if (redirects + 1 > settings.maxRedirects()) {
            return Uni.createFrom().item(new FetchOutcome.TooManyRedirects(settings.maxRedirects()));
        }
        return hop(next, redirects + 1, known);
    }

    /** The addresses of {@code host}, or null when it has none. */
    private Uni<InetAddress[]> resolve(String host) {
        return Uni.createFrom().item(() -> {
            try {
                return InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                return (InetAddress[]) null;
            }
        }).runSubscriptionOn(blocking);
    }

    /** What one hop answered: an outcome, or a redirect to {@code location}. */
    private record HopResult(FetchOutcome outcome, String location) {}

    private Uni<HopResult> request(URI uri, String host, int port, boolean ssl, InetAddress address,
            Optional<FileVersion> known) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                // connect to the checked address; Host header, SNI and certificate check use the name
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
                .setPort(port)
                .setSsl(ssl)
                .setURI(path)
                .setFollowRedirects(false)
                .putHeader("User-Agent", "podflow-file-fetcher")
                .putHeader("Accept", "*/*");
        // sent on every hop: a redirect ignores them, the file's own server may answer 304
        known.map(FileVersion::etag).ifPresent(etag -> options.putHeader("If-None-Match", etag));
        known.map(FileVersion::lastModified).ifPresent(date -> options.putHeader("If-Modified-Since", date));
        return Uni.createFrom().emitter(emitter -> {
            Transfer transfer = new Transfer(emitter);
            emitter.onTermination(transfer::cleanUp);
            client.request(options).onComplete(created -> {
                if (created.failed()) {
                    transfer.complete(new HopResult(networkOutcome(created.cause()), null));
                    return;
                }
                transfer.request = created.result();
                created.result().send().onComplete(answered -> {
                    if (answered.failed()) {
                        transfer.complete(new HopResult(networkOutcome(answered.cause()), null));
                    } else {
                        onResponse(answered.result(), transfer, known.isPresent());
                    }
                });
            });
        });
    }

    private void onResponse(HttpClientResponse response, Transfer transfer, boolean conditional) {
        // resetting an answer we do not read is expected; the body stream below installs its own handler
        response.exceptionHandler(ignored -> {
        });
        int status = response.statusCode();
        String location = response.getHeader("Location");
        if (status == 304 && conditional) {
            // no body follows: the exchange ends by itself and the connection goes back to the pool; resetting it
            // here would close a connection the pool may already be handing to the next request
            transfer.delivered = true;
            transfer.complete(new HopResult(new FetchOutcome.NotModified(), null));
            return;
        }
        if (status >= 300 && status < 400 && location != null && !location.isBlank()) {
            transfer.complete(new HopResult(null, location));
            return;
        }
        if (status / 100 != 2) {
            transfer.complete(new HopResult(new FetchOutcome.HttpError(status), null));
            return;
        }
        long declared = contentLength(response.getHeader("Content-Length"));
        if (declared > settings.maxFileBytes()) {
            transfer.complete(new HopResult(new FetchOutcome.TooLarge(settings.maxFileBytes(), declared), null));
            return;
        }
        response.pause();
        Path temporary;
        try {
            temporary = store.newTemporaryFile();
        } catch (IOException e) {
            transfer.fail(e);
            return;
        }
        if (!transfer.hold(temporary, null)) {
            return; // timed out meanwhile: the clean-up has run
        }
        vertx.fileSystem().open(temporary.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
                .onComplete(opened -> {
                    if (opened.failed()) {
                        transfer.fail(opened.cause());
                    } else if (transfer.hold(temporary, opened.result())) {
                        stream(response, transfer, status);
                    }
                });
    }

    /** Body to file, hashing on the way; stops as soon as the limit is passed. */
    private void stream(HttpClientResponse response, Transfer transfer, int status) {
        AsyncFile file = transfer.file;
        MessageDigest digest = sha256();
        long[] received = {0};
        response.handler(buffer -> {
            if (transfer.done.get()) {
                return;
            }
            received[0] += buffer.length();
            if (received[0] > settings.maxFileBytes()) {
                transfer.complete(new HopResult(new FetchOutcome.TooLarge(settings.maxFileBytes(), -1), null));
                return;
            }
            digest.update(buffer.getBytes());
            file.write(buffer);
            if (file.writeQueueFull()) {
                response.pause();
                file.drainHandler(v -> response.resume());
            }
        });
        response.exceptionHandler(e -> transfer.complete(new HopResult(networkOutcome(e), null)));
        response.endHandler(v -> file.close().onComplete(closed -> {
            if (closed.failed()) {
                transfer.fail(closed.cause());
                return;
            }
            transfer.delivered = true;
            transfer.complete(new HopResult(new FetchOutcome.Fetched(status, transfer.temporary,
                    HexFormat.of().formatHex(digest.digest()), received[0], response.getHeader("Content-Type"),
                    response.getHeader("ETag"), response.getHeader("Last-Modified")), null));
        }));
        response.resume();
    }

    /**
     * One request in flight and what it holds. Whatever ends it (an outcome, a failure, the timeout cancelling it)
     * resets the connection and deletes the partial file, unless the file was delivered.
     */
    private final class Transfer {
        final UniEmitter<? super HopResult> emitter;
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicBoolean cleaned = new AtomicBoolean();
        volatile HttpClientRequest request;
        volatile AsyncFile file;
        volatile Path temporary;
        volatile boolean delivered;

        Transfer(UniEmitter<? super HopResult> emitter) {
            this.emitter = emitter;
        }

        void complete(HopResult result) {
            if (done.compareAndSet(false, true)) {
                emitter.complete(result);
            }
        }

        void fail(Throwable failure) {
            if (done.compareAndSet(false, true)) {
                emitter.fail(failure);
            }
        }

        /**
         * Records the temporary file (and its open handle) of this transfer; false, after releasing them, when the
         * transfer was cleaned up meanwhile (a response arriving just after the timeout must not leave a file).
         */
        synchronized boolean hold(Path temporary, AsyncFile file) {
            if (cleaned.get()) {
                release(file, temporary);
                return false;
            }
            this.temporary = temporary;
            this.file = file;
            return true;
        }

        synchronized void cleanUp() {
            if (delivered || !cleaned.compareAndSet(false, true)) {
                return;
            }
            done.set(true);
            HttpClientRequest r = request;
            if (r != null) {
                r.reset(); // no-op once the exchange ended; otherwise closes the connection
            }
            release(file, temporary);
        }

        private void release(AsyncFile f, Path t) {
            if (f != null) {
                f.close().onComplete(x -> delete(t));
            } else {
                delete(t);
            }
        }

        private void delete(Path path) {
            if (path != null) {
                blocking.execute(() -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException e) {
                        LOG.warnf("could not delete %s: %s", path, e.getMessage());
                    }
                });
            }
        }
    }

    private static final class TransientProblem extends RuntimeException {
        final transient FetchOutcome outcome;

        TransientProblem(FetchOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    private FetchOutcome networkOutcome(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ConnectTimeoutException) {
            return new FetchOutcome.Unreachable(
                    "no connection within " + com.podflow.files.domain.Numbers.seconds(settings.connectTimeoutMs()));
        }
        return new FetchOutcome.Unreachable(reason(cause));
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A short reason for a failed connection; the outer exception's message is often empty. */
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

    /** How many downloads of one order may run at once. */
    public int maxConcurrentDownloads() {
        return Math.max(1, settings.maxConcurrentDownloads());
    }

    /** Closes the HTTP client. */
    public void close() {
        client.close();
    }
}
