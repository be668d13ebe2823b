package com.podflow.runner;

import java.nio.file.Path;

/** One service of the suite: its module (where its packaged app is) and whether it owns a database schema. */
public record ServiceSpec(String name, int defaultPort, boolean usesDatabase) {

    /** The Quarkus fast-jar that {@code ./mvnw package} builds for the module. */
    public Path jar(Path root) {
        return root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
