package com.podflow.notification.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import com.podflow.notification.config.NotificationConfig;
import com.podflow.notification.domain.SecretBox;
import com.podflow.notification.domain.WebhookSignature;
import com.podflow.support.api.ApiException;

/** Webhook endpoints with their signing secrets: generated here, stored encrypted, shown to their owner on demand. */
@ApplicationScoped
public class Webhooks {
    private final Endpoints endpoints;
    private final NotificationConfig config;
    private final Optional<SecretBox> box;

    public Webhooks(Endpoints endpoints, NotificationConfig config) {
        this.endpoints = endpoints;
        this.config = config;
        this.box = config.secretEncryptionKey().map(SecretBox::new);
    }

    /** A new endpoint and its secret in plain text. */
    public record Created(Endpoints.Endpoint endpoint, String secret) {}

    public Uni<Created> create(String clientId, String url, List<String> eventTypes, boolean enabled,
            String contactEmail) {
        SecretBox secrets = box();
        String secret = WebhookSignature.newSecret();
        return endpoints.createWebhook(clientId, url, eventTypes, secrets.encrypt(secret), enabled, contactEmail)
                .map(e -> new Created(e, secret));
    }

    /** The current secret in plain text; empty for another client's endpoint. */
    public Uni<Optional<String>> secret(String clientId, UUID id) {
        SecretBox secrets = box();
        return endpoints.webhook(clientId, id).map(e -> e.map(w -> secrets.decrypt(w.secret())));
    }

    /** A new secret; the old one keeps signing (both signatures are sent) for the configured overlap. */
    public Uni<Optional<Created>> rotate(String clientId, UUID id) {
        SecretBox secrets = box();
        String secret = WebhookSignature.newSecret();
        Instant until = Instant.now().plusSeconds(config.secretRotationOverlapSeconds());
        return endpoints.rotateSecret(clientId, id, secrets.encrypt(secret), until)
                .map(e -> e.map(w -> new Created(w, secret)));
    }

    private SecretBox box() {
        return box.orElseThrow(() -> new ApiException(503,
                "webhooks are unavailable: notification.secret-encryption-key is not configured"));
    }
}
