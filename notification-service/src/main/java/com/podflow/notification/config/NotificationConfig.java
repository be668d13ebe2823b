package com.podflow.notification.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** notification-service's settings. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {
    /** The X-ADMIN-KEY that the admin API wants; when unset the admin API refuses every call. */
    Optional<String> adminKey();

    /** How long one postback or webhook call may take, from connecting to the end of the answer. */
    @WithDefault("10000")
    long postbackTimeoutMs();

    /** Delay before each attempt (the first is the first attempt's), e.g. {@code 0s,5s,5m,30m,2h}. */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,14h,20h,24h")
    String retrySchedule();

    /** Each delay is spread by +/- this fraction. */
    @WithDefault("0.2")
    double retryJitter();

    /** An endpoint that has failed without a single success for this long is disabled (120 h = 5 days). */
    @WithDefault("120")
    long disableAfterFailingHours();

    /** How often the worker looks for due deliveries when it has nothing to do. */
    @WithDefault("500")
    long pollIntervalMs();

    /** Deliveries in flight at once, over all endpoints. */
    @WithDefault("256")
    int maxInFlight();

    /** Deliveries in flight at once to one endpoint (on different orders: one order is always one at a time). */
    @WithDefault("8")
    int maxInFlightPerEndpoint();

    /**
     * Deliveries of one endpoint a worker leases ahead of its sends (on top of {@link #maxInFlightPerEndpoint()}): they
     * wait in the worker for a free slot of their endpoint, so a send that ends is followed at once by the next one,
     * not by a claim's round trip. The sends of one worker stay within the per-endpoint cap; with several replicas at
     * most cap + ahead go to one endpoint at once. 0: lease only what is sent at once.
     */
    @WithDefault("8")
    int claimAheadPerEndpoint();

    /** Plain http targets (dev and test profiles only); elsewhere targets must be https. */
    @WithDefault("false")
    boolean allowHttp();

    /** Address ranges that may be targeted although private or reserved (tests, local runs), e.g. 127.0.0.1/32. */
    Optional<List<String>> allowedTargetCidrs();

    /** Base64 of 32 random bytes: encrypts webhook signing secrets at rest. Without it webhooks cannot be created. */
    Optional<String> secretEncryptionKey();

    /** After a secret rotation, how long the previous secret still signs (both signatures are sent). */
    @WithDefault("86400")
    long secretRotationOverlapSeconds();

    /** How long a delivery that ended (delivered, failed, no target) stays in the delivery log with its attempts. */
    @WithDefault("30d")
    Duration deliveryRetention();

    /** The worker's name in leases; defaults to a random one per start. */
    Optional<String> workerId();
}
