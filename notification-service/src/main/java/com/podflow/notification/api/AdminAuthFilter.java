package com.podflow.notification.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.podflow.notification.config.NotificationConfig;
import com.podflow.support.api.ApiExceptionMappers;

/**
 * Lets {@code /admin} calls through only with the configured {@code X-ADMIN-KEY}, compared in constant time;
 * {@code /internal} calls (intake-api's proxy, which has authenticated the client) pass; any other first segment of
 * the client-scoped paths is 404.
 */
public class AdminAuthFilter {
    private final NotificationConfig config;

    public AdminAuthFilter(NotificationConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        // the client-scoped resources match /{scope}/v1/clients/...: only /admin and /internal exist
        if (!path.startsWith("/admin/") && !path.startsWith("/internal/")) {
            return ApiExceptionMappers.error(404, "Not found");
        }
        if (!path.startsWith("/admin/") || allowed(request.getHeaderString("X-ADMIN-KEY"))) {
            return null;
        }
        return ApiExceptionMappers.error(401, "Missing or wrong X-ADMIN-KEY header");
    }

    private boolean allowed(String presented) {
        // no configured key (production default) closes the admin API
        return presented != null && config.adminKey()
                .map(expected -> MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        presented.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }
}
