package com.podflow.ledger.config;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The ledger's settings. */
@ConfigMapping(prefix = "ledger")
public interface LedgerConfig {
    /** Validators whose Passed result every attempt needs before the order passes. */
    @WithDefault("data,files")
    Set<String> requiredValidators();

    /** How long a created order may wait for its facility's receipt before it is flagged handover_overdue. */
    @WithDefault("PT15M")
    Duration handoverTimeout();

    /** How often the ledger looks for overdue handovers (one replica at a time). */
    @WithDefault("PT30S")
    Duration handoverCheckInterval();
}
