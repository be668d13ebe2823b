package com.podflow.files.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed.CheckedFile;
import com.podflow.events.order.Order;
import com.podflow.files.cache.KnownFiles;
import com.podflow.files.domain.DownloadLinks;
import com.podflow.files.domain.FetchOutcome;
import com.podflow.files.domain.FileReference;
import com.podflow.files.domain.ShareLinks;
import com.podflow.files.http.FileFetcher;
import com.podflow.files.inspect.FileInspector;
import com.podflow.files.inspect.Inspection;
import com.podflow.files.store.FileStore;

/**
 * Checks every file of an order: download (bounded, concurrent), inspect the bytes (on the inspection executor, off the
 * event loop), and, when all files are fine, keep them in the store and describe them. Temporary files are deleted
 * whatever happens.
 *
 * <p>
 * Share links of Dropbox, Google Drive and OneDrive are fetched in their direct-download form ({@link ShareLinks});
 * the checked file keeps the client's URL.
 *
 * <p>
 * Files already seen are not downloaded or parsed again ({@link KnownFiles}): a URL whose stored copy has validators is
 * fetched with a conditional GET, and a 304 reuses the stored copy; bytes already read (same SHA-256, whatever the URL)
 * reuse their facts. Only the facts are reused: each order's rules (print size, bleed, DPI) are applied to them anew.
 */
public class OrderFileCheck {
    private static final Logger LOG = Logger.getLogger(OrderFileCheck.class);

    private final FileFetcher fetcher;
    private final FileInspector inspector;
    private final FileStore store;
    private final Executor inspection;
    private final KnownFiles known;
    private final DownloadLinks links;

    /** @param links signs the link to each checked copy, which facilities fetch instead of the client's URL */
    public OrderFileCheck(FileFetcher fetcher, FileInspector inspector, FileStore store, Executor inspection,
            KnownFiles known, DownloadLinks links) {
        this.fetcher = fetcher;
        this.inspector = inspector;
        this.store = store;
        this.inspection = inspection;
        this.known = known;
        this.links = links;
    }

    /** What the check of one order's files found: findings (the order fails) or, with none, the checked files. */
    public record Result(List<Finding> findings, List<CheckedFile> files) {
        public Result {
            findings = List.copyOf(findings);
            files = List.copyOf(files);
        }
    }

    /**
     * What fetching one URL gave: a problem, a fresh download ({@link FetchOutcome.Fetched}, a temporary file), or
     * the stored copy {@code reused} that the server confirmed unchanged (its 304).
     */
    private record Download(FetchOutcome outcome, KnownFiles.Known reused, Path stored) {
        static Download of(FetchOutcome outcome) {
            return new Download(outcome, null, null);
        }
    }

    public Uni<Result> check(Order order) {
        List<FileReference> references = FileReference.of(order);
        if (references.isEmpty()) {
            return Uni.createFrom().item(new Result(List.of(), List.of()));
        }
        return Multi.createFrom().iterable(references.stream().map(FileReference::url).distinct().toList())
                .onItem().transformToUni(url -> download(ShareLinks.directDownload(url))
                        .map(download -> Map.entry(url, download)))
                .merge(fetcher.maxConcurrentDownloads())
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue)
                .onItem().transformToUni(downloads -> Uni.createFrom()
                        .item(() -> inspectAndStore(references, downloads))
                        .runSubscriptionOn(inspection)
                        .eventually(() -> deleteTemporaries(downloads)));
    }

    /**
     * Fetches {@code url}, conditionally when its last version is known and still in the store; a 304 whose stored
     * copy vanished meanwhile (removed by hand) is fetched again in full.
     */
    private Uni<Download> download(String url) {
        return storedVersion(url).onItem().transformToUni(stored -> {
            if (stored.isEmpty()) {
                return fresh(url);
            }
            KnownFiles.Known version = stored.get().getKey();
            return fetcher.fetch(url, Optional.of(version.version())).onItem().transformToUni(outcome -> {
                if (!(outcome instanceof FetchOutcome.NotModified)) {
                    return Uni.createFrom().item(remember(url, outcome));
                }
                return onWorker(() -> store.find(version.sha256())).onItem().transformToUni(copy -> copy.isPresent()
                        ? Uni.createFrom().item(new Download(outcome, version, copy.get()))
                        : fresh(url));
            });
        });
    }

    private Uni<Download> fresh(String url) {
        known.forget(url);
        return fetcher.fetch(url).map(outcome -> remember(url, outcome));
    }

    private Download remember(String url, FetchOutcome outcome) {
        if (outcome instanceof FetchOutcome.Fetched fetched) {
            known.fetched(url, fetched.etag(), fetched.lastModified(), fetched.sha256(), fetched.sizeBytes());
        }
        return Download.of(outcome);
    }

    /** The known version of {@code url} and its stored copy, when both are there (the look-up touches the disk). */
    private Uni<Optional<Map.Entry<KnownFiles.Known, Path>>> storedVersion(String url) {
        Optional<KnownFiles.Known> version = known.version(url);
        if (version.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return onWorker(() -> store.find(version.get().sha256()).map(path -> Map.entry(version.get(), path)));
    }

    private <T> Uni<T> onWorker(java.util.function.Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(inspection);
    }

    private Result inspectAndStore(List<FileReference> references, Map<String, Download> downloads) {
        List<Finding> findings = new ArrayList<>();
        List<CheckedFile> files = new ArrayList<>();
        for (FileReference reference : references) {
            Download download = downloads.get(reference.url());
            String sha256;
            long sizeBytes;
            Path bytes;
            if (download.outcome() instanceof FetchOutcome.Fetched fetched) {
                sha256 = fetched.sha256();
                sizeBytes = fetched.sizeBytes();
                bytes = fetched.file();
            } else if (download.reused() != null) {
                sha256 = download.reused().sha256();
                sizeBytes = download.reused().sizeBytes();
                bytes = download.stored();
            } else {
                String direct = ShareLinks.directDownload(reference.url());
                String via = direct.equals(reference.url())
                        ? ""
                        : " (fetched as its direct-download link " + direct + ")";
                download.outcome().problem(reference.url()).ifPresent(problem -> findings.add(
                        new Finding(com.podflow.events.RefusalCodes.DOWNLOAD_FAILED, reference.field(),
                                problem + via)));
                continue;
            }
            Inspection inspected;
            try {
                inspected = inspector.evaluate(known.facts(sha256, () -> inspector.facts(bytes)), reference.kind(),
                        reference.trimSize());
            } catch (IOException e) {
                throw new IllegalStateException("could not read the download of " + reference.url(), e);
            }
            inspected.problems().forEach(p -> findings.add(new Finding(p.code(), reference.field(), p.message())));
            if (reference.trimSize().isEmpty() && reference.kind() == FileReference.Kind.PRINT_FILE) {
                LOG.debugf("%s: no print size known (productUid without a size, no customTrim), format checked only",
                        reference.field());
            }
            files.add(new CheckedFile(reference.itemReferenceId(), reference.type(), reference.url(), sha256,
                    inspected.mimeType(), sizeBytes, inspected.dpi(), inspected.widthPx(), inspected.heightPx(),
                    inspected.pageCount(), sha256, null, null, inspected.colorSpace(), inspected.notes()));
        }
        if (!findings.isEmpty()) {
            return new Result(findings, List.of());
        }
        // every file is fine: keep each distinct download once (moving it out of the temporary area); a reused file
        // is in the store already
        Map<String, String> stored = new HashMap<>();
        for (Download download : downloads.values()) {
            if (download.outcome() instanceof FetchOutcome.Fetched fetched
                    && !stored.containsKey(fetched.sha256())) {
                try {
                    stored.put(fetched.sha256(), store.put(fetched.file(), fetched.sha256()));
                } catch (IOException e) {
                    throw new IllegalStateException("could not store " + fetched.sha256(), e);
                }
            }
        }
        // signed now, when the copy is known to be stored: the facility fetches it from us, whatever becomes of the
        // client's URL (ADR 15)
        List<CheckedFile> linked = new ArrayList<>();
        for (CheckedFile file : files) {
            DownloadLinks.Link link = links.link(file.sha256());
            linked.add(file.withDownload(link.url(), link.expiresAt()));
        }
        return new Result(List.of(), linked);
    }

    private void deleteTemporaries(Map<String, Download> downloads) {
        for (Download download : downloads.values()) {
            if (download.outcome() instanceof FetchOutcome.Fetched fetched) {
                try {
                    Files.deleteIfExists(fetched.file()); // already gone when it was stored
                } catch (IOException e) {
                    LOG.warnf("could not delete %s: %s", fetched.file(), e.getMessage());
                }
            }
        }
    }
}
