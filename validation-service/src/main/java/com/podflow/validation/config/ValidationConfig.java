package com.podflow.validation.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** validation-service's settings. */
@ConfigMapping(prefix = "validation")
public interface ValidationConfig {
    /** The X-ADMIN-KEY that the admin API wants; when unset the admin API refuses every call. */
    Optional<String> adminKey();

    /** Whether the reference data files shipped in the module are upserted into the database at startup. */
    @WithDefault("true")
    boolean loadReferenceFiles();

    /**
     * How often the cached reference data is checked against the database's version counter, which picks up changes
     * made by other replicas or straight in the database.
     */
    @WithDefault("1000")
    long referenceCheckIntervalMs();

    /**
     * The oldest confirmation that the cached reference data is current that an order may still be validated with;
     * beyond it (the database has been unreachable that long) orders wait for the database instead.
     */
    @WithDefault("30000")
    long referenceMaxStalenessMs();
}
