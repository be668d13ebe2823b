package com.podflow.intake.config;

import jakarta.inject.Singleton;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

import com.podflow.support.config.ProductionConfig;

/** Checks the production settings before Flyway migrates anything (a default URL would be the developer's database). */
@Singleton
public class ConfigBeforeMigrations implements FlywayConfigurationCustomizer {
    @Override
    public void customize(FluentConfiguration configuration) {
        ProductionConfig.checkNow();
    }
}
