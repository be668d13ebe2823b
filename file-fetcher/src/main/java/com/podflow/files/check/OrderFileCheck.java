package com.podflow.files.check;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import com.podflow.events.ValidationFailed.Finding;
import com.podflow.events.ValidationPassed.CheckedFile;
import com.podflow.events.order.Order;
import com.podflow.files.domain.FetchOutcome;
import com.podflow.files.domain.FileReference;
import com.podflow.files.http.FileFetcher;
import com.podflow.files.inspect.FileInspector;
import com.podflow.files.inspect.Inspection;
import com.podflow.files.store.FileStore;

/**
 * Checks every file of an order: download (bounded, concurrent), inspect the bytes (on the inspection executor, off the
 * event loop), and, when all files are fine, keep them in the store and describe them. Temporary files are deleted
 * whatever happens.
 */
public class OrderFileCheck {
    private static final Logger LOG = Logger.getLogger(OrderFileCheck.class);

    private final FileFetcher fetcher;
    private final FileInspector inspector;
    private final FileStore store;
    private final Executor inspection;

    public OrderFileCheck(FileFetcher fetcher, FileInspector inspector, FileStore store, Executor inspection) {
        this.fetcher = fetcher;
        this.inspector = inspector;
        this.store = store;
        this.inspection = inspection;
    }

    /** What the check of one order's files found: findings (the order fails) or, with none, the checked files. */
    public record Result(List<Finding> findings, List<CheckedFile> files) {
        public Result {
            findings = List.copyOf(findings);
            files = List.copyOf(files);
        }
    }

    public Uni<Result> check(Order order) {
        List<FileReference> references = FileReference.of(order);
        if (references.isEmpty()) {
            return Uni.createFrom().item(new Result(List.of(), List.of()));
        }
        return fetcher.fetchAll(references.stream().map(FileReference::url).toList())
                .onItem().transformToUni(outcomes -> Uni.createFrom().item(() -> inspectAndStore(references, outcomes))
                        .runSubscriptionOn(inspection)
                        .eventually(() -> deleteTemporaries(outcomes)));
    }

    private Result inspectAndStore(List<FileReference> references, Map<String, FetchOutcome> outcomes) {
        List<Finding> findings = new ArrayList<>();
        List<CheckedFile> files = new ArrayList<>();
        for (FileReference reference : references) {
            FetchOutcome outcome = outcomes.get(reference.url());
            if (!(outcome instanceof FetchOutcome.Fetched fetched)) {
                outcome.problem(reference.url()).ifPresent(problem -> findings.add(
                        new Finding(com.podflow.events.RefusalCodes.DOWNLOAD_FAILED, reference.field(), problem)));
                continue;
            }
            Inspection inspected;
            try {
                inspected = inspector.inspect(fetched.file(), reference.kind(), reference.trimSize());
            } catch (IOException e) {
                throw new IllegalStateException("could not read the download of " + reference.url(), e);
            }
            inspected.problems().forEach(p -> findings.add(new Finding(p.code(), reference.field(), p.message())));
            if (reference.trimSize().isEmpty() && reference.kind() == FileReference.Kind.PRINT_FILE) {
                LOG.debugf("%s: no print size known (productUid without a size, no customTrim), format checked only",
                        reference.field());
            }
            files.add(new CheckedFile(reference.itemReferenceId(), reference.type(), reference.url(), fetched.sha256(),
                    inspected.mimeType(), fetched.sizeBytes(), inspected.dpi(), inspected.widthPx(),
                    inspected.heightPx(), inspected.pageCount(), fetched.sha256()));
        }
        if (!findings.isEmpty()) {
            return new Result(findings, List.of());
        }
        // every file is fine: keep each distinct download once (moving it out of the temporary area)
        Map<String, String> stored = new HashMap<>();
        for (FetchOutcome outcome : outcomes.values()) {
            if (outcome instanceof FetchOutcome.Fetched fetched && !stored.containsKey(fetched.sha256())) {
                try {
                    stored.put(fetched.sha256(), store.put(fetched.file(), fetched.sha256()));
                } catch (IOException e) {
                    throw new IllegalStateException("could not store " + fetched.sha256(), e);
                }
            }
        }
        return new Result(List.of(), files);
    }

    private void deleteTemporaries(Map<String, FetchOutcome> outcomes) {
        for (FetchOutcome outcome : outcomes.values()) {
            if (outcome instanceof FetchOutcome.Fetched fetched) {
                try {
                    Files.deleteIfExists(fetched.file()); // already gone when it was stored
                } catch (IOException e) {
                    LOG.warnf("could not delete %s: %s", fetched.file(), e.getMessage());
                }
            }
        }
    }
}
