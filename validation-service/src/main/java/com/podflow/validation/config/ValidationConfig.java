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
}
