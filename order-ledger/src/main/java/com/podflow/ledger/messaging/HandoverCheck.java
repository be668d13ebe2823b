package com.podflow.ledger.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

import com.podflow.ledger.config.LedgerConfig;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.persistence.LedgerRepository;
import com.podflow.outbox.OutboxService;

/**
 * Every {@code ledger.handover-check-interval}, flags the created orders whose facility has not confirmed receipt
 * within {@code ledger.handover-timeout} ({@link LedgerRepository#flagOverdueHandovers}: one replica at a time,
 * idempotent). A failed round is logged and tried again at the next tick.
 */
@ApplicationScoped
public class HandoverCheck {
    private static final Logger LOG = Logger.getLogger(HandoverCheck.class);
    private static final int BATCH = 200;

    private final LedgerRepository repository;
    private final OutboxService outbox;
    private final OrderFold fold;
    private final LedgerConfig config;
    private ScheduledExecutorService timer;

    public HandoverCheck(LedgerRepository repository, OutboxService outbox, LedgerConfig config) {
        this.repository = repository;
        this.outbox = outbox;
        this.config = config;
        this.fold = new OrderFold(config.requiredValidators());
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ledger-handover-check");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.handoverCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void tick() {
        try {
            int flagged = check(Instant.now()).await().atMost(Duration.ofMinutes(1));
            if (flagged > 0) {
                LOG.infof("%d created orders flagged handover_overdue", flagged);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "handover check failed; trying again in %s", config.handoverCheckInterval());
        }
    }

    /** One round as of {@code now}: flags every order overdue by then, a batch at a time; answers how many. */
    public Uni<Integer> check(Instant now) {
        Duration timeout = config.handoverTimeout();
        return repository.flagOverdueHandovers(now.minus(timeout), now, timeout.toSeconds(), BATCH, fold)
                .flatMap(flagged -> {
                    if (flagged > 0) {
                        outbox.wakeUp();
                    }
                    return flagged == BATCH ? check(now).map(more -> flagged + more) : Uni.createFrom().item(flagged);
                });
    }
}
