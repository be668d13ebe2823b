package com.podflow.ledger.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import com.podflow.ledger.messaging.DeadLetterPublisher;
import com.podflow.ledger.persistence.DeadLetterStore;
import com.podflow.ledger.persistence.DeadLetterStore.DeadLetter;

/** Support's work on parked records: replay one or all of an order's to their source topic, resolve one. */
@ApplicationScoped
public class DeadLetterService {
    private final DeadLetterStore store;
    private final DeadLetterPublisher publisher;

    public DeadLetterService(DeadLetterStore store, DeadLetterPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    public Uni<List<DeadLetter>> list(DeadLetterStore.Query query) {
        return store.list(query);
    }

    public Uni<Optional<DeadLetter>> find(long id) {
        return store.find(id);
    }

    /**
     * Re-publishes the record (whatever its status: a replay is idempotent downstream, consumers de-duplicate by
     * event id) and marks it replayed once Kafka acknowledged it.
     */
    public Uni<Optional<DeadLetter>> replay(long id) {
        return store.find(id).flatMap(found -> found.isEmpty()
                ? Uni.createFrom().item(Optional.<DeadLetter>empty())
                : publisher.republish(found.get()).flatMap(sent -> store.markReplayed(id)));
    }

    /** Re-publishes every record of the order still parked, in the order they were parked. */
    public Uni<List<DeadLetter>> replayOrder(String orderId) {
        return store.parked(orderId).flatMap(parked -> parked.isEmpty()
                ? Uni.createFrom().item(List.<DeadLetter>of())
                : Multi.createFrom().iterable(parked)
                        .onItem().transformToUniAndConcatenate(d -> publisher.republish(d)
                                .flatMap(sent -> store.markReplayed(d.id())))
                        .collect().in(ArrayList<DeadLetter>::new, (list, done) -> done.ifPresent(list::add))
                        .map(list -> (List<DeadLetter>) list));
    }

    public Uni<Optional<DeadLetter>> resolve(long id) {
        return store.markResolved(id);
    }
}
