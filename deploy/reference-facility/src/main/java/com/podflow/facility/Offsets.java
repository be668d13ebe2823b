package com.podflow.facility;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed: per partition, the lowest record whose work is still open (an order in production,
 * an answer not yet acknowledged), or the next record when nothing is open. A restart thus re-reads every order that
 * was not finished, and perhaps some that were: their reports carry the same ids again and the ledger ignores them.
 */
final class Offsets {
    private final Map<TopicPartition, TreeSet<Long>> open = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** A record was read; its work is open until {@link #done}. */
    synchronized void opened(TopicPartition partition, long offset) {
        open.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        next.merge(partition, offset + 1, Math::max);
    }

    synchronized void done(TopicPartition partition, long offset) {
        TreeSet<Long> offsets = open.get(partition);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    /** The offsets to commit now (only those that moved since the last call). */
    synchronized Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        next.forEach((partition, nextOffset) -> {
            TreeSet<Long> offsets = open.get(partition);
            long safe = offsets == null || offsets.isEmpty() ? nextOffset : offsets.first();
            if (!Long.valueOf(safe).equals(committed.get(partition))) {
                result.put(partition, new OffsetAndMetadata(safe));
            }
        });
        return result;
    }

    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }

    /** After a rebalance took the partitions away: their open work is another consumer's now. */
    synchronized void forget(Iterable<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            open.remove(partition);
            next.remove(partition);
            committed.remove(partition);
        }
    }
}
