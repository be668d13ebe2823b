package com.podflow.support.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Fails fast in production: a service whose database URL, broker address, admin key or encryption key would come from
 * the defaults in its own jar (localhost, or nothing) stops at start, naming every missing setting and its variable,
 * instead of running against localhost or with its admin API closed by accident. Each service lists its settings in
 * {@code podflow.required-in-production}; dev and test runs are not checked.
 */
public class ProductionConfig {
    /** Ordinal of the jar's own application.properties; anything given by the operator ranks above it. */
    static final int PACKAGED_DEFAULTS = 250;

    void check(@Observes StartupEvent startup) {
        checkNow();
    }

    /**
     * The check itself, for services that must run it earlier than startup's end: a service with a database calls it
     * from a Flyway customizer, so no migration runs against a default (localhost) database.
     */
    public static void checkNow() {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        List<String> required = config.getOptionalValues("podflow.required-in-production", String.class)
                .orElse(List.of());
        List<String> missing = missing(required, name -> Optional.ofNullable(config.getConfigValue(name)));
        if (!missing.isEmpty()) {
            throw new IllegalStateException(message(missing));
        }
    }

    /** The required settings not given by the operator (unset, blank, or only the packaged default). */
    static List<String> missing(List<String> required,
            java.util.function.Function<String, Optional<ConfigValue>> lookup) {
        List<String> missing = new ArrayList<>();
        for (String name : required) {
            Optional<ConfigValue> value = lookup.apply(name);
            boolean given = value.isPresent() && value.get().getValue() != null && !value.get().getValue().isBlank()
                    && value.get().getSourceOrdinal() > PACKAGED_DEFAULTS;
            if (!given) {
                missing.add(name);
            }
        }
        return missing;
    }

    static String message(List<String> missing) {
        StringBuilder sb = new StringBuilder("Refusing to start in production without ");
        sb.append(missing.size() == 1 ? "this setting" : "these settings")
                .append(" (the packaged defaults are for development only):");
        for (String name : missing) {
            sb.append("\n  ").append(name).append("  (environment variable ").append(envName(name)).append(')');
        }
        return sb.toString();
    }

    /** MicroProfile Config's environment spelling: non-alphanumerics become '_', upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
