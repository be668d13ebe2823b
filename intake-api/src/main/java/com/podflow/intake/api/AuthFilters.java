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
import com.podflow.intake.persistence.FacilityRepository;
import com.podflow.support.api.ApiExceptionMappers;

/**
 * Authenticates {@code /v1} calls by {@code X-API-KEY}, {@code /facility} calls by {@code X-FACILITY-KEY} and
 * {@code /admin} calls by {@code X-ADMIN-KEY}.
 */
public class AuthFilters {
    private final ClientRepository clients;
    private final FacilityRepository facilities;
    private final CurrentClient currentClient;
    private final CurrentFacility currentFacility;
    private final IntakeConfig config;
    private final RateLimiter limiter;

    public AuthFilters(ClientRepository clients, FacilityRepository facilities, CurrentClient currentClient,
            CurrentFacility currentFacility, IntakeConfig config, RateLimiter limiter) {
        this.clients = clients;
        this.facilities = facilities;
        this.currentClient = currentClient;
        this.currentFacility = currentFacility;
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
        if (path.startsWith("/facility/")) {
            return authenticateFacility(request.getHeaderString("X-FACILITY-KEY"));
        }
        if (!path.startsWith("/v1/") || path.startsWith("/v1/storefronts/")) {
            // storefront webhooks carry the store's signature instead of a key: checked by their resource (ADR 40)
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
                    return limit(client.get().id(), client.get().rateLimitPerSecond());
                });
    }

    /** A facility key authenticates only {@code /facility}; a client key is not one (another table), so it is 401. */
    private Uni<Response> authenticateFacility(String header) {
        if (header == null || header.isBlank()) {
            return Uni.createFrom().item(refuse("Missing X-FACILITY-KEY header (format key:secret)"));
        }
        ApiSecrets.NewKey presented = ApiSecrets.parseHeader(header);
        if (presented == null) {
            return Uni.createFrom().item(refuse("X-FACILITY-KEY must have the format key:secret"));
        }
        return facilities.authenticate(presented.keyId(), presented.secret()).map(facility -> {
            if (facility.isEmpty()) {
                return refuse("Invalid facility key or secret");
            }
            currentFacility.authenticated(facility.get());
            // the default rate limit, counted apart from any client's
            return limit("facility/" + facility.get(), null);
        });
    }

    private Response limit(String subject, Integer own) {
        Optional<Duration> wait = limiter.tryAcquire(subject, own);
        if (wait.isEmpty()) {
            return null;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        int limit = own == null ? limiter.defaultPerSecond() : own;
        return Response.fromResponse(ApiExceptionMappers.error(429, "Rate limit of " + limit
                + " requests per second exceeded; retry after " + seconds + " s"))
                .header("Retry-After", seconds)
                .build();
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
