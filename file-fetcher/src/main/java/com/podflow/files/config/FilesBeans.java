package com.podflow.files.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

import com.podflow.files.cache.KnownFiles;
import com.podflow.files.check.OrderFileCheck;
import com.podflow.files.domain.DownloadLinks;
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
        return new FileInspector(new InspectionSettings(config.minDpi(), config.bleedMm(), config.sizeToleranceMm(),
                config.rgbPolicy() == FilesConfig.RgbPolicy.REFUSE));
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
            @Named("inspection") ExecutorService inspection, KnownFiles known, DownloadLinks links) {
        return new OrderFileCheck(fetcher, inspector, store, inspection, known, links);
    }

    /** The memory of files already fetched and read, bounded by {@code files.cache-max-*}. */
    @Produces
    @Singleton
    KnownFiles knownFiles(FilesConfig config) {
        return new KnownFiles(config.cacheMaxEntries(), config.cacheMaxBytes());
    }

    /**
     * Signs the links to checked copies. Created at start, so that a missing or weak secret stops the service at once
     * with a message, not at the first order: links signed with a guessable key would open every stored file.
     */
    @Produces
    @Singleton
    @Startup
    DownloadLinks downloadLinks(FilesConfig config) {
        var secrets = config.download().secret().orElse(java.util.List.of()).stream()
                .filter(secret -> !secret.isBlank()).toList();
        if (secrets.isEmpty()) {
            throw new IllegalStateException("files.download.secret (environment FILES_DOWNLOAD_SECRET) is not set:"
                    + " it signs the links facilities fetch checked files with; give a random string of at least "
                    + DownloadLinks.MIN_SECRET_LENGTH + " characters (e.g. openssl rand -base64 32), several"
                    + " comma-separated to rotate (the first signs)");
        }
        try {
            return new DownloadLinks(config.publicUrl(), secrets, config.download().ttl(), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("files.download.*: " + e.getMessage(), e);
        }
    }
}
