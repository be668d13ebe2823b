package com.podflow.files.messaging;

import java.util.ArrayDeque;
import java.util.Deque;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/** A non-blocking semaphore: {@link #acquire()} completes once one of the permits is free. */
final class Permits {
    private final int max;
    private final Deque<UniEmitter<? super Void>> waiting = new ArrayDeque<>();
    private int used;

    Permits(int max) {
        this.max = Math.max(1, max);
    }

    Uni<Void> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            boolean granted;
            synchronized (this) {
                granted = used < max;
                if (granted) {
                    used++;
                } else {
                    waiting.add(emitter);
                }
            }
            if (granted) {
                emitter.complete(null);
            }
        });
    }

    /** Hands the permit to the next waiter, or frees it. */
    void release() {
        UniEmitter<? super Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                used--;
            }
        }
        if (next != null) {
            next.complete(null); // outside the lock: the waiter goes on at once
        }
    }
}
