package com.podflow.intake.persistence;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import com.podflow.intake.config.IntakeConfig;
import com.podflow.intake.domain.ApiSecrets;

/** Creates the configured development client at startup, so a fresh local run has a working API key. */
@ApplicationScoped
public class BootstrapClient {
    private static final Logger LOG = Logger.getLogger(BootstrapClient.class);

    void onStart(@Observes StartupEvent event, IntakeConfig config, ClientRepository clients) {
        config.bootstrapClient().apiKey().ifPresent(header -> {
            ApiSecrets.NewKey key = ApiSecrets.parseHeader(header);
            if (key == null) {
                throw new IllegalStateException("intake.bootstrap-client.api-key must have the form key:secret");
            }
            clients.upsert(config.bootstrapClient().id(), config.bootstrapClient().name(), key)
                    .await().atMost(Duration.ofSeconds(30));
            LOG.infof("client %s (%s) can use API key id %s", config.bootstrapClient().id(),
                    config.bootstrapClient().name(), key.keyId());
        });
    }
}
