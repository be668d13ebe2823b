package com.podflow.intake.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** intake-api's settings. */
@ConfigMapping(prefix = "intake")
public interface IntakeConfig {
    /** The X-ADMIN-KEY that the admin API wants; when unset the admin API refuses every call. */
    Optional<String> adminKey();

    /** A client created (or updated) at startup, for development: its API key is {@code key:secret}. */
    BootstrapClient bootstrapClient();

    /** Refuse plain-HTTP API calls (403); off in the dev and test profiles and in the local run. */
    @WithDefault("true")
    boolean requireHttps();

    /** notification-service, whose client-scoped internal API the {@code /v1} notification endpoints forward to. */
    @WithDefault("http://localhost:8084")
    String notificationUrl();

    /** The per-client request rate limit (a client's own limit, set through the admin API, wins). */
    RateLimit rateLimit();

    /** The requests log. */
    Requests requests();

    /** Authenticating API keys. */
    ApiKeys apiKeys();

    interface ApiKeys {
        /**
         * How long a key's stored row is used without asking the database again (0: always ask). A key revoked or a
         * rate limit changed through another replica takes effect there within this time; through this one at once.
         */
        @WithDefault("5s")
        Duration cacheTtl();

        /** Keys kept at most; beyond it the cache starts over. */
        @WithDefault("10000")
        int cacheMaxEntries();
    }

    interface Requests {
        /** How long a request stays in the log; older ones are deleted hourly. */
        @WithDefault("30d")
        Duration retention();

        /** A body longer than this many characters is kept cut off at this length (and marked so). */
        @WithDefault("262144")
        int maxBodyChars();

        /** Entries waiting to be written; beyond it, entries are dropped (and counted in the log) rather than slowing the API. */
        @WithDefault("20000")
        int queueCapacity();
    }

    interface RateLimit {
        /** Requests per second per client. */
        @WithDefault("100")
        int perSecond();
    }

    interface BootstrapClient {
        /** {@code key:secret}; no client is created when unset. */
        Optional<String> apiKey();

        @WithDefault("00000000-0000-4000-8000-000000000001")
        String id();

        @WithDefault("Development client")
        String name();
    }
}
