package com.podflow.ledger.config;

import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The ledger's settings. */
@ConfigMapping(prefix = "ledger")
public interface LedgerConfig {
    /** Validators whose Passed result every attempt needs before the order passes. */
    @WithDefault("data,files")
    Set<String> requiredValidators();

}
