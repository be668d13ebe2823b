package com.podflow.intake.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

import com.podflow.intake.config.IntakeConfig;
import com.podflow.outbox.OutboxRelay;

/** Runs the relay that publishes intake's outbox (OrderReceived) to {@code orders.intake}. */
@ApplicationScoped
public class IntakeOutboxRelay {
    private final OutboxRelay relay;

    public IntakeOutboxRelay(Pool pool, IntakeConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.relay = new OutboxRelay(pool, "intake.outbox", OutboxRelay.producer(bootstrapServers, "intake-api-outbox"),
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
