package com.podflow.validation.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.podflow.support.api.ApiExceptionMappers;
import com.podflow.validation.config.ValidationConfig;

/** Lets {@code /admin} calls through only with the configured {@code X-ADMIN-KEY} (closed when none is configured). */
public class AdminKeyFilter {
    private final ValidationConfig config;

    public AdminKeyFilter(ValidationConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/admin/")) {
            return null;
        }
        String presented = request.getHeaderString("X-ADMIN-KEY");
        boolean allowed = presented != null && config.adminKey()
                // constant-time comparison: the answer's timing tells nothing about how much of the key matched
                .map(expected -> MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        presented.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
        return allowed ? null : ApiExceptionMappers.error(401, "Missing or wrong X-ADMIN-KEY header");
    }
}
