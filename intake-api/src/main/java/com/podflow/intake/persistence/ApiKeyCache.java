package com.podflow.intake.persistence;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * API keys as stored (salt, hash, client, rate limit), kept for a few seconds so that authenticating a request costs no
 * database round trip. The secret is still checked against the hash on every request. A change made through this
 * replica (revocation, rate limit, a reset development key) takes effect at once; one made through another replica
 * within the time to live. Only keys that exist are kept: an unknown key id always asks the database.
 */
final class ApiKeyCache {
    /** An active API key's row. */
    record StoredKey(String clientId, byte[] salt, byte[] hash, Integer rateLimitPerSecond) {}

    private record Entry(StoredKey key, long loadedAtNanos) {}

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Counts invalidations: a load that began before one must not put what it read. */
    private final AtomicLong generation = new AtomicLong();

    ApiKeyCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** The key, if it was loaded less than the time to live ago and not invalidated since. */
    Optional<StoredKey> get(String keyId) {
        Entry entry = entries.get(keyId);
        if (entry == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - entry.loadedAtNanos() >= ttlNanos) {
            entries.remove(keyId, entry);
            return Optional.empty();
        }
        return Optional.of(entry.key());
    }

    /** Call before reading a key from the database; pass the answer to {@link #put}. */
    Load startLoad() {
        return new Load(generation.get(), nanoClock.getAsLong());
    }

    /** When a load began: its generation and time (the entry expires counted from the start of the read). */
    record Load(long generation, long startedNanos) {}

    /** Keeps what a load read, unless something was invalidated while it ran (it may have read the old row). */
    void put(String keyId, StoredKey key, Load load) {
        if (ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear(); // a crude bound; the keys in use come back with one read each
        }
        entries.put(keyId, new Entry(key, load.startedNanos()));
        if (generation.get() != load.generation()) {
            entries.remove(keyId);
        }
    }

    /** Forgets one key; call after the transaction that changed it committed. */
    void invalidate(String keyId) {
        generation.incrementAndGet();
        entries.remove(keyId);
    }

    /** Forgets every key of a client; call after the transaction that changed it committed. */
    void invalidateClient(String clientId) {
        generation.incrementAndGet();
        entries.values().removeIf(entry -> entry.key().clientId().equals(clientId));
    }

    int size() {
        return entries.size();
    }
}
