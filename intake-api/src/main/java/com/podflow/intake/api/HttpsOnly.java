package com.podflow.intake.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.podflow.intake.config.IntakeConfig;
import com.podflow.support.api.ApiExceptionMappers;

/**
 * Outside development, API keys travel only over HTTPS: a plain-HTTP call to {@code /v1} or {@code /admin} is refused
 * before its key is even looked at. Behind a TLS-terminating proxy the scheme comes from {@code X-Forwarded-Proto}
 * ({@code quarkus.http.proxy.proxy-address-forwarding}). Health and OpenAPI under {@code /q} stay reachable.
 */
public class HttpsOnly {
    private final IntakeConfig config;

    public HttpsOnly(IntakeConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true, priority = 2)
    public Response refusePlainHttp(ContainerRequestContext request) {
        if (!config.requireHttps()) {
            return null;
        }
        String path = request.getUriInfo().getPath();
        boolean api = path.startsWith("/v1/") || path.startsWith("/admin/") || path.startsWith("/facility/");
        if (!api || "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme())) {
            return null;
        }
        return ApiExceptionMappers.error(403, "HTTPS is required: send the request to https://");
    }
}
