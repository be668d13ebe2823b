package com.podflow.ledger.config;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import com.podflow.events.FulfillmentStatus;

/**
 * Time limits per status (issue 11 item 4, ADR 0030): an order longer than its status's limit in that status (for
 * created: after its facility's receipt) is stalled. A created order waiting for the receipt itself is the handover
 * check's ({@code ledger.handover-timeout}). The defaults are in application.properties; a limit set to nothing
 * (e.g. {@code LEDGER_STALLED_SHIPPED=}) never stalls.
 */
@ConfigMapping(prefix = "ledger.stalled")
public interface StalledConfig {
    /** Waiting for validators' results. */
    Optional<Duration> received();

    /** Confirmed by the facility, production not started. */
    Optional<Duration> created();

    Optional<Duration> inProduction();

    Optional<Duration> printed();

    Optional<Duration> packaged();

    /** Shipped and in transit depend on the carrier: no limit unless set. */
    Optional<Duration> shipped();

    Optional<Duration> inTransit();

    /**
     * A received attempt still missing a required validator's result this long after it was received fails with
     * {@code validator_timeout} (ADR 0028). Empty: it waits (stalled, re-drivable) forever.
     */
    Optional<Duration> validatorTimeout();

    /** How often the stall check runs (one replica at a time). */
    @WithDefault("PT30S")
    Duration checkInterval();

    /** The limits that are set, per status. */
    static Map<FulfillmentStatus, Duration> limits(StalledConfig config) {
        Map<FulfillmentStatus, Duration> limits = new EnumMap<>(FulfillmentStatus.class);
        config.received().ifPresent(d -> limits.put(FulfillmentStatus.RECEIVED, d));
        config.created().ifPresent(d -> limits.put(FulfillmentStatus.CREATED, d));
        config.inProduction().ifPresent(d -> limits.put(FulfillmentStatus.IN_PRODUCTION, d));
        config.printed().ifPresent(d -> limits.put(FulfillmentStatus.PRINTED, d));
        config.packaged().ifPresent(d -> limits.put(FulfillmentStatus.PACKAGED, d));
        config.shipped().ifPresent(d -> limits.put(FulfillmentStatus.SHIPPED, d));
        config.inTransit().ifPresent(d -> limits.put(FulfillmentStatus.IN_TRANSIT, d));
        return limits;
    }
}
