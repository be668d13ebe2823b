package com.podflow.notification.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** notification-service's settings. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {
    /** The X-ADMIN-KEY that the admin API wants; when unset the admin API refuses every call. */
    Optional<String> adminKey();

    /** How long one postback may take, from connecting to the end of the answer. */
    @WithDefault("10000")
    long postbackTimeoutMs();
}
