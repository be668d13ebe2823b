package com.podflow.intake.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.podflow.intake.channels.service.ChannelStages;
import com.podflow.intake.config.IntakeConfig;
import com.podflow.intake.domain.Redaction;
import com.podflow.intake.persistence.RequestLog;
import com.podflow.intake.service.RequestSubject;
import com.podflow.support.api.ApiError;

/**
 * Feeds the requests log: every call to {@code /v1} and {@code /admin} that reached the API (refusals included) with
 * its client, key, status, duration, the body as sent and the answer, both with secrets redacted, and the order it was
 * about. Reading the log itself is not logged. Bodies refused before the API sees them (larger than the 1 MB limit)
 * are not in the log; the client got a 413 for them.
 */
public class RequestLogging {
    private static final Logger LOG = Logger.getLogger(RequestLogging.class);
    private static final String STARTED = "podflow.request-log.started";
    private static final String RECEIVED = "podflow.request-log.received";

    private final RequestLog log;
    private final CurrentClient client;
    private final RequestSubject subject;
    private final ChannelStages stages;
    private final ObjectMapper json;
    private final int maxBodyChars;

    public RequestLogging(RequestLog log, CurrentClient client, RequestSubject subject, ChannelStages stages,
            ObjectMapper json, IntakeConfig config) {
        this.log = log;
        this.client = client;
        this.subject = subject;
        this.stages = stages;
        this.json = json;
        this.maxBodyChars = config.requests().maxBodyChars();
    }

    @ServerRequestFilter(preMatching = true, priority = 0)
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
        request.setProperty(RECEIVED, Instant.now());
    }

    @ServerResponseFilter(priority = 10_000)
    public void finish(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        boolean logged = path.startsWith("/v1/") || path.startsWith("/admin/");
        if (!logged || path.startsWith("/v1/requests") || path.startsWith("/admin/v1/requests")
                || !(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        try {
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            String requestBody = request.getProperty(RequestBodyCapture.PROPERTY) instanceof byte[] bytes
                    ? new String(bytes, StandardCharsets.UTF_8)
                    : null;
            String responseBody = responseBody(response.getEntity());
            String orderId = subject.orderId();
            if (orderId == null && response.getEntity() instanceof ApiError error) {
                orderId = error.orderId(); // a duplicate: the existing order
            }
            Object requestId = request.getProperty(RequestIds.PROPERTY);
            log.record(new RequestLog.Entry(UUID.randomUUID().toString(),
                    requestId == null ? "" : requestId.toString(), client.idOrNull(), client.keyIdOrNull(),
                    request.getMethod(), query == null ? path : path + "?" + query, response.getStatus(),
                    (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000),
                    (Instant) request.getProperty(RECEIVED), orderId, subject.customerReferenceId(),
                    cut(Redaction.redact(requestBody)), requestBody != null && requestBody.length() > maxBodyChars,
                    cut(Redaction.redact(responseBody)), responseBody != null && responseBody.length() > maxBodyChars,
                    cut(Redaction.redact(stages.templateOutput())), cut(Redaction.redact(stages.finalOrder()))));
        } catch (RuntimeException e) {
            LOG.warnf("requests log: %s %s not logged: %s", request.getMethod(), path, e.toString());
        }
    }

    private String responseBody(Object entity) {
        if (entity == null) {
            return null;
        }
        if (entity instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (entity instanceof String text) {
            return text;
        }
        try {
            return json.writeValueAsString(entity);
        } catch (IOException e) {
            return "(" + entity.getClass().getSimpleName() + ", not shown: " + e.getMessage() + ")";
        }
    }

    private String cut(String body) {
        return body == null || body.length() <= maxBodyChars ? body : body.substring(0, maxBodyChars);
    }
}
