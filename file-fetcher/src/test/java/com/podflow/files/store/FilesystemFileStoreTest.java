package com.podflow.files.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are kept once per content, under their SHA-256, and appear whole. */
class FilesystemFileStoreTest {
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"; // "test"

    @TempDir
    Path dir;

    @Test
    void aFileIsKeptUnderItsChecksumOnce() throws IOException {
        // given
        FileStore store = new FilesystemFileStore(dir);
        Path first = Files.writeString(store.newTemporaryFile(), "test");
        Path second = Files.writeString(store.newTemporaryFile(), "test");

        // when
        String key = store.put(first, SHA);
        String again = store.put(second, SHA);

        // then
        assertThat(key).isEqualTo(SHA).isEqualTo(again);
        assertThat(store.find(key)).hasValueSatisfying(path -> {
            assertThat(path).isEqualTo(dir.resolve("9f").resolve("86").resolve(SHA));
            assertThat(path).hasContent("test");
        });
        assertThat(first).doesNotExist();
        assertThat(second).doesNotExist();
    }

    @Test
    void onlyChecksumsAreKeys() throws IOException {
        FileStore store = new FilesystemFileStore(dir);

        assertThat(store.find(SHA)).isEmpty();
        assertThat(store.find("../../etc/passwd")).isEmpty();
        assertThat(store.find(null)).isEmpty();
        assertThatThrownBy(() -> store.put(store.newTemporaryFile(), "../x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
