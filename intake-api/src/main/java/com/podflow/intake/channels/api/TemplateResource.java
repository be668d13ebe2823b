package com.podflow.intake.channels.api;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.intake.api.CurrentClient;
import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.channels.service.ConnectorService;
import com.podflow.intake.channels.service.TemplateService;
import com.podflow.support.api.ApiException;

/**
 * A client's connector templates ({@code /v1/templates…}) and connectors ({@code /v1/connectors…}), and the connector
 * endpoint that takes foreign payloads. Rendering endpoints are {@code @Blocking}: a render may use its time budget.
 */
@Path("/v1/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.CHANNELS)
public class TemplateResource {
    static final String NAME = "The template's name: 1 to 100 letters, digits, '_', '.' or '-'";
    private final TemplateService templates;
    private final CurrentClient client;

    public TemplateResource(TemplateService templates, CurrentClient client) {
        this.templates = templates;
        this.client = client;
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(operationId = "saveTemplate", summary = "Save a template (a new version)", description = "Saves the Jinja"
            + " template as the next version of this name, if it turns its sample payload into a valid order;"
            + " otherwise nothing is saved and the answer names every problem by stage, with template line numbers.")
    @APIResponse(responseCode = "201", description = "Saved", content = @Content(schema = @Schema(implementation = ChannelSchemas.TemplateVersion.class)))
    @APIResponse(responseCode = "400", description = "Not saved: every problem by stage", content = @Content(schema = @Schema(implementation = ChannelSchemas.ChannelError.class)))
    @APIResponse(responseCode = "409", description = "Saved by another request at the same moment; try again")
    public Uni<Response> save(@Parameter(description = NAME) @PathParam("name") String name,
            @RequestBody(required = true) ChannelSchemas.TemplateSave body) {
        return saveFor(templates, client.id(), name, body);
    }

    static Uni<Response> saveFor(TemplateService templates, String clientId, String name,
            ChannelSchemas.TemplateSave body) {
        if (body == null) {
            throw new ApiException(400, "The request body must be {\"template\": ..., \"samplePayload\": ...}");
        }
        return templates.save(clientId, name, body.template(), body.samplePayload())
                .map(saved -> Response.created(URI.create("/v1/templates/" + saved.name() + "?version="
                        + saved.version())).entity(ChannelSchemas.TemplateVersion.of(saved)).build());
    }

    @GET
    @Operation(operationId = "listTemplates", summary = "List templates", description = "Each template's name and"
            + " newest version.")
    @APIResponse(responseCode = "200", description = "The templates", content = @Content(schema = @Schema(implementation = ChannelSchemas.TemplateList.class)))
    public Uni<ChannelSchemas.TemplateList> list() {
        return templates.list(client.id()).map(ChannelSchemas.TemplateList::new);
    }

    @GET
    @Path("/{name}")
    @Operation(operationId = "getTemplate", summary = "Get a template", description = "The newest version, or the"
            + " one given by version.")
    @APIResponse(responseCode = "200", description = "The template", content = @Content(schema = @Schema(implementation = ChannelSchemas.Template.class)))
    public Uni<ChannelSchemas.Template> get(@Parameter(description = NAME) @PathParam("name") String name,
            @Parameter(description = "A version; the newest when absent") @QueryParam("version") Integer version) {
        return getFor(templates, client.id(), name, version);
    }

    static Uni<ChannelSchemas.Template> getFor(TemplateService templates, String clientId, String name,
            Integer version) {
        return templates.find(clientId, name, version).map(t -> {
            try {
                return new ChannelSchemas.Template(t.name(), t.version(), t.body(),
                        com.podflow.events.EventJson.mapper().readTree(t.samplePayload()), t.createdAt());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @POST
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(operationId = "testTemplate", summary = "Try a saved template on a payload: POST"
            + " /v1/templates/{name}:test", description = "The path is the template's name followed by :test. Renders"
                    + " the template (newest, or version) over payload (its sample payload when absent) and checks the"
                    + " output as an order: the output, the order, and every problem with its stage and template line.")
    @APIResponse(responseCode = "200", description = "The trial (valid or not)", content = @Content(schema = @Schema(implementation = ChannelSchemas.TemplateTrial.class)))
    public ChannelSchemas.TemplateTrial test(
            @Parameter(description = "The template's name followed by :test (e.g. packing-slip:test)") @PathParam("name") String nameAndAction,
            @Parameter(description = "A version; the newest when absent") @QueryParam("version") Integer version,
            @RequestBody(required = false) ChannelSchemas.TemplateTrialRequest body) {
        String name = tested(nameAndAction);
        if (name.isEmpty()) {
            // POST /v1/templates:test, routed here by InlineTrialRoute
            if (body == null) {
                throw new ApiException(400, "The request body must be {\"template\": ..., \"payload\": ...}");
            }
            return ChannelSchemas.TemplateTrial.of(templates.tryOut(body.template(), body.payload()));
        }
        return ChannelSchemas.TemplateTrial.of(templates.tryStored(client.id(), name, version,
                body == null ? null : body.payload()));
    }

    /**
     * {@code name:test} → {@code name}. (A path template with a literal after the parameter in one segment is not
     * matched by the REST layer here, so the action is parsed from the segment.)
     */
    static String tested(String nameAndAction) {
        if (nameAndAction == null || !nameAndAction.endsWith(":test")) {
            throw new ApiException(404, "POST /v1/templates/{name}:test tries a template; '" + nameAndAction
                    + "' names no action");
        }
        return nameAndAction.substring(0, nameAndAction.length() - ":test".length());
    }

    /**
     * {@code POST /v1/templates:test}: a template given inline. Declared here for the OpenAPI document; the request is
     * routed to {@link TemplateResource#test} by {@link InlineTrialRoute}.
     */
    @Path("/v1/templates:test")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = ApiDefinition.CHANNELS)
    public static class Inline {
        private final TemplateService templates;
        private final CurrentClient client;

        public Inline(TemplateService templates, CurrentClient client) {
            this.templates = templates;
            this.client = client;
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Blocking
        @Operation(operationId = "testInlineTemplate", summary = "Try a template on a payload", description = "As"
                + " testTemplate, with the template in the body (nothing is saved).")
        @APIResponse(responseCode = "200", description = "The trial (valid or not)", content = @Content(schema = @Schema(implementation = ChannelSchemas.TemplateTrial.class)))
        public ChannelSchemas.TemplateTrial testInline(
                @RequestBody(required = true) ChannelSchemas.TemplateTrialRequest body) {
            if (body == null) {
                throw new ApiException(400, "The request body must be {\"template\": ..., \"payload\": ...}");
            }
            client.id();
            return ChannelSchemas.TemplateTrial.of(templates.tryOut(body.template(), body.payload()));
        }
    }

    /** A client's connectors and the connector endpoint. */
    @Path("/v1/connectors")
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = ApiDefinition.CHANNELS)
    public static class Connectors {
        private final ConnectorService connectors;
        private final CurrentClient client;

        public Connectors(ConnectorService connectors, CurrentClient client) {
            this.connectors = connectors;
            this.client = client;
        }

        @PUT
        @Path("/{name}")
        @Consumes(MediaType.APPLICATION_JSON)
        @Operation(operationId = "configureConnector", summary = "Create or change a connector", description = "A"
                + " connector names the template its payloads go through; its name becomes the orders' channel.")
        @APIResponse(responseCode = "200", description = "The connector", content = @Content(schema = @Schema(implementation = ChannelSchemas.Connector.class)))
        public Uni<ChannelSchemas.Connector> configure(
                @Parameter(description = "1 to 50 lower-case letters, digits, '_' or '-'; not api, file, shopify,"
                        + " woocommerce") @PathParam("name") String name,
                @RequestBody(required = true) ChannelSchemas.ConnectorSettings body) {
            if (body == null) {
                throw new ApiException(400, "The request body must be {\"template\": ..., \"templateVersion\"?: n}");
            }
            return connectors.configure(client.id(), name, body.template(), body.templateVersion())
                    .map(ChannelSchemas.Connector::of);
        }

        @GET
        @Operation(operationId = "listConnectors", summary = "List connectors")
        @APIResponse(responseCode = "200", description = "The connectors", content = @Content(schema = @Schema(implementation = ChannelSchemas.ConnectorList.class)))
        public Uni<ChannelSchemas.ConnectorList> connectors() {
            return connectors.list(client.id())
                    .map(list -> new ChannelSchemas.ConnectorList(
                            list.stream().map(ChannelSchemas.Connector::of).toList()));
        }

        @DELETE
        @Path("/{name}")
        @Operation(operationId = "deleteConnector", summary = "Delete a connector")
        @APIResponse(responseCode = "204", description = "Deleted")
        public Uni<Response> deleteConnector(
                @Parameter(description = "The connector's name") @PathParam("name") String name) {
            return connectors.delete(client.id(), name).replaceWith(Response.noContent().build());
        }

        @POST
        @Path("/{name}/orders")
        @Consumes(MediaType.APPLICATION_JSON)
        @Blocking
        @Operation(operationId = "submitConnectorOrder", summary = "Submit a foreign payload through a connector", description = "Runs the connector's template over the payload and submits the result as POST /v1/orders"
                + " would (same checks, duplicates, announcement), with the connector's name as channel. A"
                + " template that fails or an output that is not a valid order is refused with 422 naming the"
                + " stage (template or order), the fields or the line.")
        @APIResponse(responseCode = "201", description = "Accepted", content = @Content(schema = @Schema(implementation = com.podflow.intake.api.openapi.ApiSchemas.OrderCreated.class)))
        @APIResponse(responseCode = "409", description = "A duplicate of an existing order (preventDuplicate)")
        @APIResponse(responseCode = "422", description = "The template or the order failed; nothing was submitted", content = @Content(schema = @Schema(implementation = ChannelSchemas.ChannelError.class)))
        public Uni<Response> submit(@Parameter(description = "The connector's name") @PathParam("name") String name,
                @RequestBody(required = true, description = "The foreign payload (any JSON)", content = @Content(schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT))) JsonNode payload) {
            return connectors.submit(client.id(), name, payload)
                    .map(accepted -> Response.created(URI.create("/v1/orders/" + accepted.id())).entity(accepted)
                            .build());
        }
    }
}
