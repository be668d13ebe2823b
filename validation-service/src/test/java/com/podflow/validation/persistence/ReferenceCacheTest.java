package com.podflow.validation.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.inject.Vetoed;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

import com.podflow.validation.config.ValidationConfig;
import com.podflow.validation.domain.Facility;
import com.podflow.validation.domain.ReferenceData;
import com.podflow.validation.persistence.ReferenceRepository.Versioned;

/** The cache's rules without a database: when it reads, what it serves, and when orders wait instead. */
class ReferenceCacheTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    /** A database whose version and availability the test sets; each snapshot names its version in a facility. */
    @Vetoed
    static final class FakeDatabase extends ReferenceRepository {
        final AtomicLong version = new AtomicLong(1);
        volatile boolean up = true;
        final AtomicInteger snapshots = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        FakeDatabase() {
            super(null, null);
        }

        @Override
        public Uni<Versioned> snapshot() {
            return Uni.createFrom().deferred(() -> {
                if (!up) {
                    failures.incrementAndGet();
                    return Uni.createFrom().failure(new ConnectException("database away"));
                }
                snapshots.incrementAndGet();
                long v = version.get();
                return Uni.createFrom().item(new Versioned(v, ReferenceData.of(List.of(), List.of(), List.of(),
                        List.of(new Facility("v" + v, "at version " + v, "SE", List.of())))));
            });
        }

        @Override
        public Uni<Long> version() {
            return Uni.createFrom().deferred(() -> {
                if (!up) {
                    failures.incrementAndGet();
                    return Uni.createFrom().failure(new ConnectException("database away"));
                }
                return Uni.createFrom().item(version.get());
            });
        }
    }

    static ValidationConfig config(long maxStalenessMs) {
        return new ValidationConfig() {
            @Override
            public Optional<String> adminKey() {
                return Optional.empty();
            }

            @Override
            public boolean loadReferenceFiles() {
                return false;
            }

            @Override
            public long referenceCheckIntervalMs() {
                return 1000;
            }

            @Override
            public long referenceMaxStalenessMs() {
                return maxStalenessMs;
            }
        };
    }

    static String versionOf(ReferenceData data) {
        return data.facilities().get(0).id();
    }

    @Test
    void aDatabaseAwayAtStartDelaysTheFirstSnapshotAndFailsNothing() throws Exception {
        // given
        FakeDatabase db = new FakeDatabase();
        db.up = false;
        ReferenceCache cache = new ReferenceCache(db, config(30_000));

        // when an order needs the reference data
        CompletableFuture<ReferenceData> data = cache.current().subscribeAsCompletionStage().toCompletableFuture();

        // then it waits, retrying, until the database answers
        await().atMost(Duration.ofSeconds(10)).until(() -> db.failures.get() >= 2);
        assertThat(data).isNotDone();
        db.up = true;
        assertThat(versionOf(data.get(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("v1");
    }

    @Test
    void anUnchangedVersionIsOnlyConfirmedAndAMovedOneIsReadWhole() {
        // given
        FakeDatabase db = new FakeDatabase();
        ReferenceCache cache = new ReferenceCache(db, config(30_000));
        cache.check().await().atMost(WAIT);

        // when the version stays
        cache.check().await().atMost(WAIT);

        // then nothing is read again
        assertThat(db.snapshots).hasValue(1);
        assertThat(versionOf(cache.current().await().atMost(WAIT))).isEqualTo("v1");

        // when another replica writes
        db.version.set(2);
        cache.check().await().atMost(WAIT);

        // then the next order gets the new snapshot
        assertThat(db.snapshots).hasValue(2);
        assertThat(cache.version()).isEqualTo(2);
        assertThat(versionOf(cache.current().await().atMost(WAIT))).isEqualTo("v2");
    }

    @Test
    void aSnapshotNotConfirmedWithinTheStalenessBoundIsNotUsedOrdersWaitForTheDatabase() throws Exception {
        // given a snapshot confirmed at t = 0, then the database away until t = 31 s
        FakeDatabase db = new FakeDatabase();
        AtomicLong now = new AtomicLong();
        ReferenceCache cache = new ReferenceCache(db, config(30_000), now::get);
        cache.check().await().atMost(WAIT);
        db.up = false;
        now.set(Duration.ofSeconds(29).toNanos());
        assertThat(versionOf(cache.current().await().atMost(WAIT))).as("within the bound").isEqualTo("v1");
        now.set(Duration.ofSeconds(31).toNanos());

        // when an order needs the reference data
        CompletableFuture<ReferenceData> data = cache.current().subscribeAsCompletionStage().toCompletableFuture();

        // then it waits for the database instead of using the unconfirmed snapshot
        await().atMost(Duration.ofSeconds(10)).until(() -> db.failures.get() >= 2);
        assertThat(data).isNotDone();
        db.version.set(3);
        db.up = true;
        assertThat(versionOf(data.get(WAIT.toSeconds(), TimeUnit.SECONDS))).isEqualTo("v3");
    }

    @Test
    void aSlowerReadOfAnOlderVersionDoesNotReplaceANewerSnapshot() {
        // given a snapshot at version 5
        FakeDatabase db = new FakeDatabase();
        db.version.set(5);
        ReferenceCache cache = new ReferenceCache(db, config(30_000));
        cache.reload().await().atMost(WAIT);

        // when a read that saw version 4 finishes later
        db.version.set(4);
        cache.reload().await().atMost(WAIT);

        // then version 5 stays
        assertThat(cache.version()).isEqualTo(5);
        assertThat(versionOf(cache.current().await().atMost(WAIT))).isEqualTo("v5");
    }
}
