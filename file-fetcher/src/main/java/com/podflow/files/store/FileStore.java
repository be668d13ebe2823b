package com.podflow.files.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps fetched files by their content (the key is the SHA-256 in hex), so a file stays available after its URL
 * expires and the same bytes are stored once however many orders use them.
 */
public interface FileStore {

    /** Where to put a download in progress; the same volume as the store, so {@link #put} can move it. */
    Path newTemporaryFile() throws IOException;

    /**
     * Takes {@code file} (which the caller no longer uses) into the store under {@code sha256}; idempotent.
     *
     * @return the storage key
     */
    String put(Path file, String sha256) throws IOException;

    /** The stored file of {@code key}, if present. */
    Optional<Path> find(String key);
}
