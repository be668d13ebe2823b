package com.podflow.files.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

import com.podflow.files.cache.KnownFiles;
import com.podflow.files.check.OrderFileCheck;
import com.podflow.files.http.FetchSettings;
import com.podflow.files.http.FileFetcher;
import com.podflow.files.inspect.FileInspector;
import com.podflow.files.inspect.InspectionSettings;
import com.podflow.files.store.FileStore;
import com.podflow.files.store.FilesystemFileStore;

/** Wires the framework-free parts (fetcher, inspector, store) from {@link FilesConfig}. */
@Singleton
public class FilesBeans {

    @Produces
    @Singleton
    FileStore fileStore(FilesConfig config) throws IOException {
        return new FilesystemFileStore(Path.of(config.storeDir()));
    }

    @Produces
    @Singleton
    FileInspector fileInspector(FilesConfig config) {
        return new FileInspector(
                new InspectionSettings(config.minDpi(), config.bleedMm(), config.sizeToleranceMm()));
    }

    @Produces
    @Singleton
    FileFetcher fileFetcher(Vertx vertx, FilesConfig config, FileStore store) {
        return new FileFetcher(vertx, FetchSettings.of(config), store, Infrastructure.getDefaultWorkerPool());
    }

    void closeFetcher(@Disposes FileFetcher fetcher) {
        fetcher.close();
    }

    /** Inspection is CPU-bound: a fixed pool the size of the machine (or {@code files.inspection-threads}). */
    @Produces
    @Singleton
    @Named("inspection")
    ExecutorService inspectionPool(FilesConfig config) {
        int threads = config.inspectionThreads().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "file-inspection-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void closePool(@Disposes @Named("inspection") ExecutorService pool) {
        pool.shutdownNow();
    }

    /** Application-scoped (a client proxy), so a test can swap it for one that crashes. */
    @Produces
    @ApplicationScoped
    OrderFileCheck orderFileCheck(FileFetcher fetcher, FileInspector inspector, FileStore store,
            @Named("inspection") ExecutorService inspection, KnownFiles known) {
        return new OrderFileCheck(fetcher, inspector, store, inspection, known);
    }

    /** The memory of files already fetched and read, bounded by {@code files.cache-max-*}. */
    @Produces
    @Singleton
    KnownFiles knownFiles(FilesConfig config) {
        return new KnownFiles(config.cacheMaxEntries(), config.cacheMaxBytes());
    }
}
