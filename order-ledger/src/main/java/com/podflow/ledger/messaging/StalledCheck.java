package com.podflow.ledger.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

import com.podflow.events.FulfillmentStatus;
import com.podflow.ledger.config.LedgerConfig;
import com.podflow.ledger.config.StalledConfig;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.persistence.StalledRepository;
import com.podflow.ledger.support.LedgerGauges;
import com.podflow.outbox.OutboxService;

/**
 * Every {@code ledger.stalled.check-interval}: fails the received attempts past {@code ledger.stalled.validator-timeout}
 * ({@code validator_timeout}), then flags the orders past their status's limit ({@code ledger.stalled.<status>}) as
 * stalled, each once per status and attempt, announced on {@code orders.status}. One replica at a time (an advisory
 * lock, like {@link HandoverCheck}); a failed round is logged and tried again at the next tick.
 */
@ApplicationScoped
public class StalledCheck {
    private static final Logger LOG = Logger.getLogger(StalledCheck.class);
    private static final int BATCH = 200;

    private final StalledRepository repository;
    private final OutboxService outbox;
    private final OrderFold fold;
    private final StalledConfig config;
    private final LedgerGauges gauges;
    private ScheduledExecutorService timer;

    public StalledCheck(StalledRepository repository, OutboxService outbox, LedgerConfig ledger,
            StalledConfig config, LedgerGauges gauges) {
        this.repository = repository;
        this.gauges = gauges;
        this.outbox = outbox;
        this.config = config;
        this.fold = new OrderFold(ledger.requiredValidators());
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ledger-stalled-check");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.checkInterval().toMillis();
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
                LOG.infof("%d orders stalled or timed out", flagged);
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "stall check failed; trying again in %s", config.checkInterval());
        }
        gauges.refreshStalled();
    }

    /** One round as of {@code now}: answers how many orders it folded a stall or timeout into. */
    public Uni<Integer> check(Instant now) {
        Uni<Integer> round = config.validatorTimeout()
                .map(timeout -> drain(() -> repository.failOverdueValidations(timeout, now, BATCH, fold)))
                .orElse(Uni.createFrom().item(0));
        for (Map.Entry<FulfillmentStatus, Duration> limit : StalledConfig.limits(config).entrySet()) {
            round = round.flatMap(done -> drain(
                    () -> repository.flagStalled(limit.getKey(), limit.getValue(), now, BATCH, fold))
                    .map(more -> done + more));
        }
        return round.invoke(done -> {
            if (done > 0) {
                outbox.wakeUp();
            }
        });
    }

    private interface Step {
        Uni<Integer> run();
    }

    /** Runs a step until it finds less than a batch; -1 (another replica holds the lock) counts as none. */
    private static Uni<Integer> drain(Step step) {
        return step.run().flatMap(n -> n == BATCH
                ? drain(step).map(more -> n + more)
                : Uni.createFrom().item(Math.max(0, n)));
    }
}
