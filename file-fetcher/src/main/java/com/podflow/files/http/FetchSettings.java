package com.podflow.files.http;

import java.util.List;

import com.podflow.files.config.FilesConfig;
import com.podflow.files.domain.AddressPolicy;

/** The limits of a download and where it may go. */
public record FetchSettings(long connectTimeoutMs, long fetchTimeoutMs, long maxFileBytes, int maxRedirects,
        int retries, long retryBackoffMs, int maxConcurrentDownloads, AddressPolicy addressPolicy) {

    public static FetchSettings of(FilesConfig config) {
        return new FetchSettings(config.connectTimeoutMs(), config.fetchTimeoutMs(), config.maxFileBytes(),
                config.maxRedirects(), config.retries(), config.retryBackoffMs(), config.maxConcurrentDownloads(),
                new AddressPolicy(config.allowedNetworks().orElse(List.of()),
                        config.allowedHosts().orElse(List.of())));
    }
}
