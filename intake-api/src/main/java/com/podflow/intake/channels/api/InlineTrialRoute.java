package com.podflow.intake.channels.api;

import java.net.URI;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Routes {@code POST /v1/templates:test} to {@code POST /v1/templates/:test} (an empty name: the inline trial): the REST
 * layer here matches no resource path with a literal ':' in its last segment ({@code /v1/templates:test} as a class
 * path answered 404), while a ':' inside a path parameter's value is matched.
 */
public class InlineTrialRoute {

    @ServerRequestFilter(preMatching = true, priority = 3)
    public void route(ContainerRequestContext request) {
        if ("POST".equals(request.getMethod()) && "/v1/templates:test".equals(request.getUriInfo().getPath())) {
            URI uri = request.getUriInfo().getRequestUri();
            String query = uri.getRawQuery();
            request.setRequestUri(uri.resolve("/v1/templates/:test" + (query == null ? "" : "?" + query)));
        }
    }
}
