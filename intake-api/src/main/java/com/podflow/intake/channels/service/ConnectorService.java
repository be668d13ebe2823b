package com.podflow.intake.channels.service;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.EventJson;
import com.podflow.intake.channels.persistence.TemplateStore;
import com.podflow.intake.channels.persistence.TemplateStore.Connector;
import com.podflow.intake.persistence.OrderStore;
import com.podflow.intake.service.OrderService;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/**
 * Platform connectors: a foreign payload goes through the connector's template and the result is submitted exactly as
 * {@code POST /v1/orders} would submit it (same checks, duplicate index, outbox), with the connector's name as the
 * order's channel. A template that fails, or an output that is not a valid order, refuses that payload with 422 naming
 * the stage.
 */
@ApplicationScoped
public class ConnectorService {
    /** Lower case, so that a connector's name is a readable channel; the other channels' names are taken. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");
    static final Set<String> RESERVED = Set.of("api", "file", "shopify", "woocommerce", "storefront");

    private final TemplateStore store;
    private final TemplateService templates;
    private final OrderService orders;
    private final ChannelStages stages;

    public ConnectorService(TemplateStore store, TemplateService templates, OrderService orders,
            ChannelStages stages) {
        this.store = store;
        this.templates = templates;
        this.orders = orders;
        this.stages = stages;
    }

    /** Creates or replaces a connector; the template (that version, or any version when unpinned) must exist. */
    public Uni<Connector> configure(String clientId, String name, String templateName, Integer templateVersion) {
        checkName(name);
        TemplateService.checkName(templateName);
        if (templateVersion != null && templateVersion < 1) {
            throw new ApiException(400, "templateVersion must be at least 1 (or null for the latest)", List.of(
                    new ApiError.FieldError("templateVersion", "invalid", "must be at least 1")), null);
        }
        return templates.findOptional(clientId, templateName, templateVersion).flatMap(found -> {
            if (found.isEmpty()) {
                throw new ApiException(400, "Template '" + templateName + "'" + (templateVersion == null
                        ? ""
                        : " version " + templateVersion) + " does not exist; save it first (PUT /v1/templates/"
                        + templateName + ")",
                        List.of(new ApiError.FieldError("template", "not_found",
                                "no such template")),
                        null);
            }
            return store.saveConnector(clientId, name, templateName, templateVersion)
                    .map(saved -> saved.orElseThrow(() -> new ApiException(404, "Client '" + clientId
                            + "' not found")));
        });
    }

    public Uni<List<Connector>> list(String clientId) {
        return store.connectors(clientId);
    }

    public Uni<Void> delete(String clientId, String name) {
        return store.deleteConnector(clientId, name).map(deleted -> {
            if (!deleted) {
                throw new ApiException(404, "Connector '" + name + "' not found");
            }
            return null;
        });
    }

    /**
     * Runs the connector's template over {@code payload} and submits the order; the log keeps each stage. Blocking up to
     * the submit (renders): call it on a worker thread.
     */
    public Uni<OrderStore.Accepted> submit(String clientId, String name, JsonNode payload) {
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            throw new ApiException(400, "The request body must be the payload to translate, as JSON");
        }
        Connector connector = store.connector(clientId, name).await().atMost(TemplateService.DB_WAIT)
                .orElseThrow(() -> new ApiException(404, "Connector '" + name + "' not found; configure it with PUT"
                        + " /v1/connectors/" + name));
        var template = templates.findOptional(clientId, connector.templateName(), connector.templateVersion())
                .await().atMost(TemplateService.DB_WAIT)
                .orElseThrow(() -> new ChannelException(422, "template", "Connector '" + name + "': its template '"
                        + connector.templateName() + "' is gone",
                        List.of(new ChannelException.Problem("template",
                                "template", "not_found", "the connector's template does not exist", null))));
        TemplateService.Trial trial = templates.tryOut(template.body(), payload);
        stages.templateOutput(trial.output());
        if (!trial.valid()) {
            throw new ChannelException(422, trial.failedStage(), "Connector '" + name + "': the payload failed at the "
                    + trial.failedStage() + " stage; nothing was submitted", trial.problems());
        }
        stages.finalOrder(json(trial.order()));
        return orders.submit(clientId, trial.order(), name);
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || RESERVED.contains(name)) {
            throw new ApiException(400, "A connector name is 1 to 50 lower-case letters, digits, '_' or '-', starting"
                    + " with a letter or digit, and not one of " + RESERVED,
                    List.of(new ApiError.FieldError("name",
                            "invalid", "must match [a-z0-9][a-z0-9_-]{0,49} and not be " + RESERVED)),
                    null);
        }
    }

    static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
