package com.podflow.intake.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import com.podflow.intake.config.IntakeConfig;

/**
 * The per-client request rate limit: a token bucket per client (Bucket4j) holding one second's worth of requests and
 * refilled continuously, so a client gets its limit per second on average and a burst of at most one second. The
 * buckets live in this replica's memory: with n replicas behind a load balancer a client gets up to n times its limit
 * (see the README).
 */
@ApplicationScoped
public class RateLimiter {
    private final IntakeConfig config;
    private final Map<String, Limited> buckets = new ConcurrentHashMap<>();

    public RateLimiter(IntakeConfig config) {
        this.config = config;
    }

    private record Limited(int perSecond, Bucket bucket) {}

    /** Empty when the request may go on; else how long the client should wait. */
    public Optional<Duration> tryAcquire(String clientId, Integer ownLimit) {
        int perSecond = ownLimit == null ? config.rateLimit().perSecond() : ownLimit;
        Limited limited = buckets.compute(clientId, (id, current) -> current != null && current.perSecond() == perSecond
                ? current
                : new Limited(perSecond, Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1))
                                .build())
                        .build()));
        ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(1);
        return probe.isConsumed()
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** The limit a client without its own gets. */
    public int defaultPerSecond() {
        return config.rateLimit().perSecond();
    }
}
