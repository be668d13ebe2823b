package com.podflow.files.store;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link FileStore} in a directory: {@code <dir>/ab/cd/<sha256>}, downloads in progress in {@code <dir>/tmp}. A
 * file appears under its key atomically, complete or not at all.
 */
public final class FilesystemFileStore implements FileStore {
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path tmp;

    public FilesystemFileStore(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        this.tmp = this.root.resolve("tmp");
        Files.createDirectories(tmp);
    }

    @Override
    public Path newTemporaryFile() throws IOException {
        return Files.createTempFile(tmp, "download-", ".part");
    }

    @Override
    public String put(Path file, String sha256) throws IOException {
        Path target = pathOf(sha256);
        if (Files.exists(target)) {
            Files.deleteIfExists(file); // same content already stored
            return sha256;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Path staged = Files.createTempFile(target.getParent(), sha256, ".part");
            Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(file);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(file); // stored concurrently by another order
        }
        return sha256;
    }

    @Override
    public Optional<Path> find(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Path path = pathOf(key);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private Path pathOf(String sha256) {
        if (!KEY.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
    }
}
