package com.podflow.files.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongBiFunction;

/**
 * A map that forgets its least recently used entries so that it never holds more than {@code maxEntries} entries nor
 * more than {@code maxBytes} by its weigher's estimate; an entry heavier than {@code maxBytes} on its own is not kept.
 * A bound of 0 keeps nothing. Thread-safe (one lock; every operation is a few map steps).
 */
final class BoundedCache<K, V> {
    private final int maxEntries;
    private final long maxBytes;
    private final ToLongBiFunction<K, V> weigher;
    private final LinkedHashMap<K, Weighed<V>> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    private record Weighed<V>(V value, long bytes) {}

    BoundedCache(int maxEntries, long maxBytes, ToLongBiFunction<K, V> weigher) {
        this.maxEntries = Math.max(0, maxEntries);
        this.maxBytes = Math.max(0, maxBytes);
        this.weigher = weigher;
    }

    synchronized V get(K key) {
        Weighed<V> entry = entries.get(key);
        return entry == null ? null : entry.value();
    }

    synchronized void put(K key, V value) {
        long weight = weigher.applyAsLong(key, value);
        remove(key);
        if (maxEntries == 0 || weight > maxBytes) {
            return;
        }
        entries.put(key, new Weighed<>(value, weight));
        bytes += weight;
        Iterator<Map.Entry<K, Weighed<V>>> eldest = entries.entrySet().iterator();
        while (entries.size() > maxEntries || bytes > maxBytes) {
            bytes -= eldest.next().getValue().bytes();
            eldest.remove();
        }
    }

    synchronized void remove(K key) {
        Weighed<V> old = entries.remove(key);
        if (old != null) {
            bytes -= old.bytes();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
