package com.podflow.files.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The file fetcher's settings ({@code files.*}). */
@ConfigMapping(prefix = "files")
public interface FilesConfig {
    /** How long to wait for a TCP (and TLS) connection to a file server. */
    @WithDefault("5000")
    long connectTimeoutMs();

    /** How long one download attempt may take in total, redirects included, to the last byte of the body. */
    @WithDefault("30000")
    long fetchTimeoutMs();

    /** The largest file accepted (1 MB = 1,000,000 bytes). */
    @WithDefault("100000000")
    long maxFileBytes();

    /** How many redirects one download follows. */
    @WithDefault("5")
    int maxRedirects();

    /** How many times a transient problem (connection, timeout, HTTP 5xx/408/429) is retried. */
    @WithDefault("2")
    int retries();

    /** The first retry's delay; it doubles for each further retry. */
    @WithDefault("500")
    long retryBackoffMs();

    /** How many downloads of one order run at the same time. */
    @WithDefault("8")
    int maxConcurrentDownloads();

    /** How many orders are checked at the same time, so a slow host holds up only its own order. */
    @WithDefault("4")
    int maxConcurrentOrders();

    /** How many files are inspected at the same time (CPU-bound); default: the number of processors. */
    Optional<Integer> inspectionThreads();

    /**
     * Networks (CIDR, e.g. {@code 127.0.0.0/8}, {@code ::1/128}) that may be contacted although they are private,
     * loopback or link-local. Empty by default: only public addresses.
     */
    Optional<List<String>> allowedNetworks();

    /** Host names that may be contacted whatever they resolve to. Empty by default. */
    Optional<List<String>> allowedHosts();

    /**
     * How many entries each of the two in-memory maps of files already seen keeps (URL → version and SHA-256 →
     * facts), the least recently used forgotten first; 0 turns the cache off.
     */
    @WithDefault("10000")
    int cacheMaxEntries();

    /** How many bytes (estimated) each of the two maps of files already seen may hold. */
    @WithDefault("16000000")
    long cacheMaxBytes();

    /** The directory of the file store (content-addressed by SHA-256). */
    @WithDefault("${java.io.tmpdir}/podflow-files")
    String storeDir();

    /** The resolution every image must reach at the size it is printed. */
    @WithDefault("300")
    int minDpi();

    /** The bleed a file may carry on each side, beyond the trim size. */
    @WithDefault("3")
    double bleedMm();

    /** How far a page size may differ from the expected one, per side. */
    @WithDefault("1")
    double sizeToleranceMm();

    /**
     * The base URL facilities reach this service at, for the download links of checked copies (e.g.
     * {@code https://files.podflow.example}); by default the service's own HTTP port on localhost, right only for a
     * local run.
     */
    @WithDefault("http://localhost:${quarkus.http.port:8082}")
    String publicUrl();

    /** The signed links to checked copies ({@code files.download.*}). */
    Download download();

    /** How the links to checked copies are signed and how long they work. */
    interface Download {
        /**
         * The HMAC secrets, comma-separated: the first signs, every one verifies (put a new one first to rotate,
         * drop the old one once its links expired). At least 32 characters each. Required outside dev and test.
         */
        Optional<List<String>> secret();

        /**
         * How long a link works: long enough for a facility's backlog and reprints after a late complaint (ADR 15).
         */
        @WithDefault("P30D")
        Duration ttl();
    }

    /** What to do with a file whose colours are RGB: pass it with a note, or refuse it ({@code file_format}). */
    @WithDefault("note")
    RgbPolicy rgbPolicy();

    /** {@link #rgbPolicy()}'s values. */
    enum RgbPolicy {
        NOTE, REFUSE
    }
}
