package com.podflow.validation.persistence;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

import com.podflow.validation.config.ValidationConfig;
import com.podflow.validation.domain.ReferenceData;
import com.podflow.validation.persistence.ReferenceRepository.Versioned;

/**
 * The reference data the validators decide with, held in memory as one immutable snapshot with the version it was read
 * at. Every {@code validation.reference-check-interval-ms} the version counter (moved on by every write, see
 * {@code V2__reference_version.sql}) is read; when it moved, the whole snapshot is read again in one transaction and
 * swapped in only once complete, so no order sees a half-loaded set. The admin API of this replica reloads right after
 * its write commits, so its change applies to the next order here; other replicas see it within one check interval
 * plus one reload. A snapshot whose last confirmation is older than {@code validation.reference-max-staleness-ms}
 * (the database has been away that long) is not used: orders wait for the database, as they did before the cache.
 */
@ApplicationScoped
public class ReferenceCache {
    private static final Logger LOG = Logger.getLogger(ReferenceCache.class);

    private final ReferenceRepository repository;
    private final Duration checkInterval;
    private final long maxStalenessNanos;
    private final LongSupplier clock;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private volatile Cancellable checks;

    /** A snapshot and when it was last confirmed current: {@link System#nanoTime()} before the confirming read. */
    private record Snapshot(Versioned reference, long confirmedAt) {
        long version() {
            return reference.version();
        }
    }

    @Inject
    public ReferenceCache(ReferenceRepository repository, ValidationConfig config) {
        this(repository, config, System::nanoTime);
    }

    /** With {@code clock} standing in for {@link System#nanoTime()}, so that a test can let time pass. */
    ReferenceCache(ReferenceRepository repository, ValidationConfig config, LongSupplier clock) {
        this.repository = repository;
        this.checkInterval = Duration.ofMillis(config.referenceCheckIntervalMs());
        this.maxStalenessNanos = Duration.ofMillis(config.referenceMaxStalenessMs()).toNanos();
        this.clock = clock;
    }

    /**
     * Starts the periodic check after the reference files are loaded; the first check loads the snapshot. Never blocks
     * nor fails the startup: while the database is away the checks keep failing (logged) and orders wait.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 50) StartupEvent event) {
        checks = Multi.createFrom().ticks().every(checkInterval)
                .onOverflow().drop() // a check slower than the interval: skip ticks rather than queue them
                .onItem().transformToUniAndConcatenate(tick -> check()
                        .onFailure().invoke(e -> LOG.warnf("checking the reference data failed: %s", e.getMessage()))
                        .onFailure().recoverWithNull())
                .subscribe().with(ignored -> {
                }, e -> LOG.errorf(e, "reference data checks stopped"));
        check().subscribe().with(ignored -> {
        }, e -> LOG.warnf("loading the reference data failed, will retry: %s", e.getMessage()));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (checks != null) {
            checks.cancel();
        }
    }

    /**
     * The snapshot to validate with: the cached one while it was confirmed within the staleness bound, else one read
     * now; waits (retrying with backoff) as long as the database is unreachable and nothing fresh enough is cached.
     */
    public Uni<ReferenceData> current() {
        return Uni.createFrom().deferred(() -> {
            Snapshot fresh = fresh();
            return fresh != null
                    ? Uni.createFrom().item(fresh.reference().data())
                    : check().map(ignored -> {
                        Snapshot checked = fresh();
                        if (checked == null) {
                            throw new IllegalStateException("no reference data confirmed within the staleness bound");
                        }
                        return checked.reference().data();
                    });
        }).onFailure().invoke(e -> LOG.warnf("reading reference data failed, retrying: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    /** Reads the whole snapshot again now (after a write of this replica), whatever the version says. */
    public Uni<Void> reload() {
        long started = clock.getAsLong();
        return repository.snapshot().invoke(read -> install(new Snapshot(read, started))).replaceWithVoid();
    }

    /** The version of the snapshot in use, or -1 before the first load. */
    public long version() {
        Snapshot snapshot = current.get();
        return snapshot == null ? -1 : snapshot.version();
    }

    /** Confirms the cached snapshot when the database is still at its version; reloads it when not. */
    Uni<Void> check() {
        Snapshot cached = current.get();
        if (cached == null) {
            return reload();
        }
        long started = clock.getAsLong();
        return repository.version().chain(version -> {
            if (version == cached.version()) {
                install(new Snapshot(cached.reference(), started));
                return Uni.createFrom().voidItem();
            }
            return reload();
        });
    }

    private Snapshot fresh() {
        Snapshot snapshot = current.get();
        return snapshot != null && clock.getAsLong() - snapshot.confirmedAt() <= maxStalenessNanos ? snapshot : null;
    }

    /**
     * Keeps the newer of two snapshots: a higher version wins (the counter only grows, so a slow read that finishes
     * after a faster, later one does not win), at the same version the later confirmation.
     */
    private void install(Snapshot candidate) {
        Snapshot previous = current.getAndAccumulate(candidate, (old, neu) -> old == null
                || neu.version() > old.version()
                || (neu.version() == old.version() && neu.confirmedAt() - old.confirmedAt() > 0) ? neu : old);
        if (previous == null || candidate.version() > previous.version()) {
            ReferenceData data = candidate.reference().data();
            LOG.infof("reference data at version %d: %d products, %d shipment methods, %d facilities,"
                    + " %d customer products", candidate.version(), data.products().size(),
                    data.shipmentMethods().size(), data.facilities().size(), data.customerProducts().size());
        }
    }
}
