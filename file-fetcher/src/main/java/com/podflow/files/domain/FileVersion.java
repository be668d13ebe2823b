package com.podflow.files.domain;

/**
 * Which version of a file a server sent, as it said in its validators ({@code ETag}, {@code Last-Modified}; either may
 * be null, not both): sent back as {@code If-None-Match} / {@code If-Modified-Since}, it lets the server answer 304
 * instead of the whole file when the file did not change.
 */
public record FileVersion(String etag, String lastModified) {
    public FileVersion {
        if (etag == null && lastModified == null) {
            throw new IllegalArgumentException("a file version needs an ETag or a Last-Modified date");
        }
    }
}
