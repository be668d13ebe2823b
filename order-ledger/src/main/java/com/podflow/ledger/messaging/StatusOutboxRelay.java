package com.podflow.ledger.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

import com.podflow.ledger.config.LedgerConfig;
import com.podflow.outbox.OutboxRelay;

/** Runs the relay that publishes the ledger's outbox (OrderStatusChanged) to {@code orders.status}. */
@ApplicationScoped
public class StatusOutboxRelay {
    private final OutboxRelay relay;

    public StatusOutboxRelay(Pool pool, LedgerConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.relay = new OutboxRelay(pool, "ledger.outbox",
                OutboxRelay.producer(bootstrapServers, "order-ledger-outbox"),
                Duration.ofMillis(config.outboxPollMs()), 200);
    }

    void start(@Observes StartupEvent event) {
        relay.start();
    }

    void stop(@Observes ShutdownEvent event) {
        relay.close();
    }

    /** Publish now: a transaction just committed new rows. */
    public void wakeUp() {
        relay.wakeUp();
    }
}
