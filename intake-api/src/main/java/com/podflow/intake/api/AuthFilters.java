package com.podflow.intake.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;

import com.podflow.intake.config.IntakeConfig;
import com.podflow.intake.domain.ApiSecrets;
import com.podflow.intake.persistence.ClientRepository;
import com.podflow.support.api.ApiExceptionMappers;

/** Authenticates {@code /v1} calls by {@code X-API-KEY} and {@code /admin} calls by {@code X-ADMIN-KEY}. */
public class AuthFilters {
    private final ClientRepository clients;
    private final CurrentClient currentClient;
    private final IntakeConfig config;
    private final RateLimiter limiter;

    public AuthFilters(ClientRepository clients, CurrentClient currentClient, IntakeConfig config,
            RateLimiter limiter) {
        this.clients = clients;
        this.currentClient = currentClient;
        this.config = config;
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/admin/")) {
            return Uni.createFrom().item(adminAllowed(request.getHeaderString("X-ADMIN-KEY"))
                    ? null
                    : refuse("Missing or wrong X-ADMIN-KEY header"));
        }
        if (!path.startsWith("/v1/")) {
            return Uni.createFrom().nullItem();
        }
        String header = request.getHeaderString("X-API-KEY");
        if (header == null || header.isBlank()) {
            return Uni.createFrom().item(refuse("Missing X-API-KEY header (format key:secret)"));
        }
        ApiSecrets.NewKey presented = ApiSecrets.parseHeader(header);
        if (presented == null) {
            return Uni.createFrom().item(refuse("X-API-KEY must have the format key:secret"));
        }
        return clients.authenticate(presented.keyId(), presented.secret())
                .map(client -> {
                    if (client.isEmpty()) {
                        return refuse("Invalid API key or secret");
                    }
                    currentClient.authenticated(client.get().id(), presented.keyId());
                    Integer own = client.get().rateLimitPerSecond();
                    Optional<Duration> wait = limiter.tryAcquire(client.get().id(), own);
                    if (wait.isPresent()) {
                        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                        int limit = own == null ? limiter.defaultPerSecond() : own;
                        return Response.fromResponse(ApiExceptionMappers.error(429, "Rate limit of " + limit
                                + " requests per second exceeded; retry after " + seconds + " s"))
                                .header("Retry-After", seconds)
                                .build();
                    }
                    return null;
                });
    }

    private boolean adminAllowed(String presented) {
        return presented != null && config.adminKey()
                .map(expected -> MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        presented.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private static Response refuse(String message) {
        return ApiExceptionMappers.error(401, message);
    }
}
