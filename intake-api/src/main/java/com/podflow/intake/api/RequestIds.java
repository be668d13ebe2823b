package com.podflow.intake.api;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every answer carries {@code X-Request-Id}: the client's own (when it is a sane token) or a new one, so a client and
 * support can name one request. Runs before authentication, so refusals carry it too.
 */
public class RequestIds {
    static final String HEADER = "X-Request-Id";
    static final String PROPERTY = "podflow.request-id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @ServerRequestFilter(preMatching = true, priority = 1)
    public void assign(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        request.setProperty(PROPERTY, given != null && SANE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString());
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
