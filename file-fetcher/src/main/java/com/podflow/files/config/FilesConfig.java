package com.podflow.files.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The file fetcher's settings ({@code files.*}). */
@ConfigMapping(prefix = "files")
public interface FilesConfig {
    /** How long to wait for a TCP (and TLS) connection to a file server. */
    @WithDefault("5000")
    long connectTimeoutMs();

    /** How long one download may take in total, from the request to the last byte of the body. */
    @WithDefault("30000")
    long fetchTimeoutMs();

    /** How many downloads run at the same time. */
    @WithDefault("8")
    int maxConcurrentDownloads();
}
