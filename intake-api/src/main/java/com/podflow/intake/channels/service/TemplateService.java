package com.podflow.intake.channels.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.EventJson;
import com.podflow.events.order.Order;
import com.podflow.intake.channels.ChannelsConfig;
import com.podflow.intake.channels.domain.TemplateEngine;
import com.podflow.intake.channels.persistence.TemplateStore;
import com.podflow.intake.channels.persistence.TemplateStore.StoredTemplate;
import com.podflow.intake.channels.persistence.TemplateStore.TemplateSummary;
import com.podflow.intake.service.OrderChecks;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/**
 * Connector templates: saved as new versions only when they render their sample payload into a valid order; tried on
 * any payload with every problem reported by stage ({@code template}: syntax, render, not JSON, with the template's
 * line; {@code order}: the Order API's own checks, by field).
 */
@ApplicationScoped
public class TemplateService {
    static final java.time.Duration DB_WAIT = java.time.Duration.ofSeconds(30);
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private final TemplateStore store;
    private final OrderChecks checks;
    private final TemplateEngine engine;
    private final int maxTemplateChars;

    public TemplateService(TemplateStore store, OrderChecks checks, ChannelsConfig config) {
        this.store = store;
        this.checks = checks;
        this.engine = new TemplateEngine(config.templates().maxOutputChars(), config.templates().maxRenderMs());
        this.maxTemplateChars = config.templates().maxTemplateChars();
    }

    /** A template tried on a payload: its output (if it rendered), the order read from it (if valid), every problem. */
    public record Trial(String output, Order order, List<ChannelException.Problem> problems) {
        public boolean valid() {
            return order != null && problems.isEmpty();
        }

        /** The stage that failed first, or null. */
        public String failedStage() {
            return problems.isEmpty() ? null : problems.get(0).stage();
        }
    }

    /**
     * Renders {@code template} over {@code payload} and checks the output as an order. Blocking (a render may take up
     * to its time budget): callers run on a worker thread, never on the event loop (the resources are {@code @Blocking}).
     */
    public Trial tryOut(String template, JsonNode payload) {
        if (template == null || template.isBlank()) {
            throw new ApiException(400, "template is required: the Jinja text", List.of(new ApiError.FieldError(
                    "template", "required", "is required")), null);
        }
        if (template.length() > maxTemplateChars) {
            throw new ApiException(400, "template is longer than " + maxTemplateChars + " characters", List.of(
                    new ApiError.FieldError("template", "too_long", "must be at most " + maxTemplateChars
                            + " characters")),
                    null);
        }
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            throw new ApiException(400, "payload is required: the foreign payload to render", List.of(
                    new ApiError.FieldError("payload", "required", "is required")), null);
        }
        return trial(template, payload);
    }

    Trial trial(String template, JsonNode payload) {
        TemplateEngine.Rendered rendered = engine.render(template, payload);
        List<ChannelException.Problem> problems = new ArrayList<>();
        if (!rendered.ok()) {
            rendered.problems().forEach(p -> problems.add(new ChannelException.Problem("template", "template",
                    p.code(), p.message(), p.line())));
            return new Trial(rendered.output(), null, problems);
        }
        String output = rendered.output();
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(output);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (output line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            problems.add(new ChannelException.Problem("template", "template", "not_json",
                    "The template's output is not JSON" + where + ": " + e.getOriginalMessage().split("\n")[0],
                    null));
            return new Trial(output, null, problems);
        }
        if (json == null || !json.isObject()) {
            problems.add(new ChannelException.Problem("template", "template", "not_an_object",
                    "The template's output must be one JSON object (an order)", null));
            return new Trial(output, null, problems);
        }
        Order order;
        try {
            order = EventJson.mapper().treeToValue(json, Order.class);
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException m ? path(m) : "";
            problems.add(new ChannelException.Problem("order", field, "invalid",
                    "Invalid value" + (field.isEmpty() ? "" : " at '" + field + "'") + ": "
                            + e.getOriginalMessage().split("\n")[0],
                    null));
            return new Trial(output, null, problems);
        }
        if (!"draft".equals(order.orderType())) {
            try {
                checks.check(order.orderType() == null ? order.withOrderType("order") : order);
            } catch (ApiException e) {
                ApiError body = e.body();
                if (body.errors() == null || body.errors().isEmpty()) {
                    problems.add(new ChannelException.Problem("order", "", "invalid", body.message(), null));
                } else {
                    body.errors().forEach(f -> problems.add(new ChannelException.Problem("order", f.field(), f.code(),
                            f.message(), null)));
                }
                return new Trial(output, null, problems);
            }
        }
        return new Trial(output, order, problems);
    }

    /**
     * Saves a new version if it turns its sample payload into a valid order; else 400 with every problem. Blocking
     * (renders).
     */
    public Uni<StoredTemplate> save(String clientId, String name, String template, JsonNode samplePayload) {
        checkName(name);
        Trial trial = tryOut(template, samplePayload);
        if (!trial.valid()) {
            throw new ChannelException(400, trial.failedStage(), "The template was not saved: on the sample"
                    + " payload it fails at the " + trial.failedStage() + " stage", trial.problems());
        }
        return store.save(clientId, name, template, samplePayload.toString())
                .map(saved -> saved.orElseThrow(() -> new ApiException(404, "Client '" + clientId
                        + "' not found")))
                .onFailure(e -> e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState()))
                .transform(e -> new ApiException(409, "Template '" + name + "' was saved by another request at the"
                        + " same moment; try again"));
    }

    public Uni<StoredTemplate> find(String clientId, String name, Integer version) {
        checkName(name);
        return store.find(clientId, name, version).map(found -> found.orElseThrow(() -> new ApiException(404,
                "Template '" + name + "'" + (version == null ? "" : " version " + version) + " not found")));
    }

    public Uni<Optional<StoredTemplate>> findOptional(String clientId, String name, Integer version) {
        return store.find(clientId, name, version);
    }

    public Uni<List<TemplateSummary>> list(String clientId) {
        return store.list(clientId);
    }

    /**
     * Tries a stored template (latest or {@code version}) on a payload; without one, on its own sample payload.
     * Blocking.
     */
    public Trial tryStored(String clientId, String name, Integer version, JsonNode payload) {
        StoredTemplate stored = find(clientId, name, version).await().atMost(DB_WAIT);
        {
            JsonNode body = payload;
            if (body == null || body.isNull() || body.isMissingNode()) {
                try {
                    body = EventJson.mapper().readTree(stored.samplePayload());
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("stored sample payload is not JSON", e);
                }
            }
            return tryOut(stored.body(), body);
        }
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiException(400, "A template or connector name is 1 to 100 letters, digits, '_', '.' or '-'",
                    List.of(new ApiError.FieldError("name", "invalid", "must match [A-Za-z0-9_.-]{1,100}")), null);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
