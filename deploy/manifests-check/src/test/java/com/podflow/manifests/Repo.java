package com.podflow.manifests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** Paths in the repository, and the services' own configuration, read from their application.properties. */
final class Repo {

    static final Path ROOT = root();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final List<String> SERVICES = List.of("intake-api", "validation-service", "file-fetcher", "order-ledger",
            "notification-service");

    private Repo() {
    }

    static Properties applicationProperties(String service) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static Path root() {
        // surefire runs in the module's directory (deploy/manifests-check); look upwards for the parent pom
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy/k8s"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("deploy/k8s not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
