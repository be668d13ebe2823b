package com.podflow.files.cache;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.podflow.files.domain.FileVersion;
import com.podflow.files.inspect.FileFacts;

/**
 * What file-fetcher remembers of the files it fetched, in memory and bounded: for a URL, the version the server last
 * sent (its validators) and the SHA-256 of those bytes, so the next fetch can be a conditional GET; for a SHA-256, the
 * facts its bytes gave ({@link FileFacts}), so the same bytes are parsed once however many orders or URLs bring them.
 * The bytes themselves are in the content-addressed store, not here. Each map keeps at most {@code maxEntries} entries
 * and {@code maxBytes} (estimated), forgetting the least recently used first; 0 turns the cache off.
 */
public final class KnownFiles {
    /** The version of {@code url} the server sent last: its validators, and what those bytes were. */
    public record Known(FileVersion version, String sha256, long sizeBytes) {}

    /** Reads a file's facts (PDFBox, ImageIO): the costly step this cache saves. */
    @FunctionalInterface
    public interface FactsReader {
        FileFacts read() throws IOException;
    }

    private final BoundedCache<String, Known> urls;
    private final BoundedCache<String, FileFacts> facts;
    /** Bytes being read right now, so that orders bringing the same file at once wait for one reading. */
    private final ConcurrentHashMap<String, CompletableFuture<FileFacts>> reading = new ConcurrentHashMap<>();
    private final AtomicLong reads = new AtomicLong();

    public KnownFiles(int maxEntries, long maxBytes) {
        this.urls = new BoundedCache<>(maxEntries, maxBytes, KnownFiles::weight);
        this.facts = new BoundedCache<>(maxEntries, maxBytes, (sha256, f) -> 184 + f.approximateBytes());
    }

    /** A cache that remembers nothing: every file is downloaded and read every time. */
    public static KnownFiles off() {
        return new KnownFiles(0, 0);
    }

    /** The version of {@code url} fetched last, if the server gave it validators and it is still remembered. */
    public Optional<Known> version(String url) {
        return Optional.ofNullable(urls.get(url));
    }

    /**
     * Remembers that {@code url} answered the bytes {@code sha256} with these validators; without any (both null),
     * forgets the URL: a server that sends none cannot answer a conditional GET.
     */
    public void fetched(String url, String etag, String lastModified, String sha256, long sizeBytes) {
        if (etag == null && lastModified == null) {
            urls.remove(url);
        } else {
            urls.put(url, new Known(new FileVersion(etag, lastModified), sha256, sizeBytes));
        }
    }

    /** Forgets {@code url} (its stored copy is gone, so a 304 would leave us without the bytes). */
    public void forget(String url) {
        urls.remove(url);
    }

    /**
     * The facts of the bytes {@code sha256}: remembered ones, or those {@code reader} reads now (and which are then
     * remembered). When another thread is reading the same bytes, waits for its answer instead of reading them too.
     * Blocking: call it where inspection runs.
     */
    public FileFacts facts(String sha256, FactsReader reader) throws IOException {
        FileFacts known = facts.get(sha256);
        if (known != null) {
            return known;
        }
        CompletableFuture<FileFacts> mine = new CompletableFuture<>();
        CompletableFuture<FileFacts> theirs = reading.putIfAbsent(sha256, mine);
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e;
            }
        }
        try {
            reads.incrementAndGet();
            FileFacts read = reader.read();
            facts.put(sha256, read);
            mine.complete(read);
            return read;
        } catch (IOException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            reading.remove(sha256, mine);
        }
    }

    /** How many times file facts were read (not found in memory) since start. */
    public long factsRead() {
        return reads.get();
    }

    /** How many URLs and files are remembered, and their estimated bytes (for tests and logs). */
    public String describe() {
        return urls.size() + " URLs (" + urls.bytes() + " bytes), " + facts.size() + " files (" + facts.bytes()
                + " bytes)";
    }

    int urlCount() {
        return urls.size();
    }

    int factCount() {
        return facts.size();
    }

    private static long weight(String url, Known known) {
        FileVersion v = known.version();
        return 200 + 2L * (url.length() + length(v.etag()) + length(v.lastModified()) + known.sha256().length());
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
