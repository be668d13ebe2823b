package com.podflow.intake.channels.api;

import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.channels.service.StorefrontService;
import com.podflow.intake.channels.service.TemplateService;

/** Operators do for a client what it does itself under /v1/templates and /v1/stores. */
@Path("/admin/v1/clients/{clientId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.ADMIN)
public class AdminChannelResource {
    static final String CLIENT = "The client's id";
    private final TemplateService templates;
    private final StorefrontService stores;

    public AdminChannelResource(TemplateService templates, StorefrontService stores) {
        this.templates = templates;
        this.stores = stores;
    }

    @PUT
    @Path("/templates/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(operationId = "adminSaveTemplate", summary = "Save a client's template (a new version)", description = "As saveTemplate, for the client.")
    @APIResponse(responseCode = "201", description = "Saved", content = @Content(schema = @Schema(implementation = ChannelSchemas.TemplateVersion.class)))
    @APIResponse(responseCode = "400", description = "Not saved: every problem by stage", content = @Content(schema = @Schema(implementation = ChannelSchemas.ChannelError.class)))
    @APIResponse(responseCode = "409", description = "Saved by another request at the same moment; try again")
    public Uni<Response> save(@Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @Parameter(description = TemplateResource.NAME) @PathParam("name") String name,
            @RequestBody(required = true) ChannelSchemas.TemplateSave body) {
        return TemplateResource.saveFor(templates, clientId, name, body);
    }

    @GET
    @Path("/templates")
    @Operation(operationId = "adminListTemplates", summary = "List a client's templates")
    @APIResponse(responseCode = "200", description = "The templates", content = @Content(schema = @Schema(implementation = ChannelSchemas.TemplateList.class)))
    public Uni<ChannelSchemas.TemplateList> list(
            @Parameter(description = CLIENT) @PathParam("clientId") String clientId) {
        return templates.list(clientId).map(ChannelSchemas.TemplateList::new);
    }

    @GET
    @Path("/templates/{name}")
    @Operation(operationId = "adminGetTemplate", summary = "Get a client's template")
    @APIResponse(responseCode = "200", description = "The template", content = @Content(schema = @Schema(implementation = ChannelSchemas.Template.class)))
    public Uni<ChannelSchemas.Template> get(@Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @Parameter(description = TemplateResource.NAME) @PathParam("name") String name,
            @Parameter(description = "A version; the newest when absent") @QueryParam("version") Integer version) {
        return TemplateResource.getFor(templates, clientId, name, version);
    }

    @POST
    @Path("/templates/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(operationId = "adminTestTemplate", summary = "Try a client's template on a payload: POST"
            + " .../templates/{name}:test", description = "The path is the template's name followed by :test.")
    @APIResponse(responseCode = "200", description = "The trial (valid or not)", content = @Content(schema = @Schema(implementation = ChannelSchemas.TemplateTrial.class)))
    public ChannelSchemas.TemplateTrial test(@Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @Parameter(description = "The template's name followed by :test") @PathParam("name") String nameAndAction,
            @Parameter(description = "A version; the newest when absent") @QueryParam("version") Integer version,
            @RequestBody(required = false) ChannelSchemas.TemplateTrialRequest body) {
        return ChannelSchemas.TemplateTrial.of(templates.tryStored(clientId, TemplateResource.tested(nameAndAction),
                version,
                body == null ? null : body.payload()));
    }

    @POST
    @Path("/stores")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adminConnectStore", summary = "Connect a storefront for a client")
    @APIResponse(responseCode = "201", description = "Connected", content = @Content(schema = @Schema(implementation = ChannelSchemas.Store.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> connect(@Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @RequestBody(required = true) ChannelSchemas.StoreConnect body) {
        return StoreResource.connectFor(stores, clientId, body);
    }

    @GET
    @Path("/stores")
    @Operation(operationId = "adminListStores", summary = "List a client's storefronts")
    @APIResponse(responseCode = "200", description = "The stores", content = @Content(schema = @Schema(implementation = ChannelSchemas.StoreList.class)))
    public Uni<ChannelSchemas.StoreList> stores(
            @Parameter(description = CLIENT) @PathParam("clientId") String clientId) {
        return stores.list(clientId)
                .map(list -> new ChannelSchemas.StoreList(list.stream().map(ChannelSchemas.Store::of).toList()));
    }

    @GET
    @Path("/stores/{storeId}/product-mappings")
    @Operation(operationId = "adminListProductMappings", summary = "List a client's store's product mappings")
    @APIResponse(responseCode = "200", description = "The mappings", content = @Content(schema = @Schema(implementation = ChannelSchemas.ProductMappingList.class)))
    public Uni<ChannelSchemas.ProductMappingList> mappings(
            @Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @Parameter(description = StoreResource.STORE) @PathParam("storeId") String storeId) {
        return StoreResource.mappingsFor(stores, clientId, storeId);
    }

    @PUT
    @Path("/stores/{storeId}/product-mappings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adminPutProductMappings", summary = "Create or change a client's product mappings")
    @APIResponse(responseCode = "200", description = "Saved", content = @Content(schema = @Schema(implementation = ChannelSchemas.Saved.class)))
    public Uni<ChannelSchemas.Saved> put(@Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @Parameter(description = StoreResource.STORE) @PathParam("storeId") String storeId,
            @RequestBody(required = true) ChannelSchemas.ProductMappingList body) {
        return StoreResource.putFor(stores, clientId, storeId, body);
    }

    @POST
    @Path("/stores/{storeId}/product-mappings")
    @Consumes("text/csv")
    @Operation(operationId = "adminImportProductMappings", summary = "Import a client's product mappings from CSV")
    @APIResponse(responseCode = "200", description = "Imported", content = @Content(schema = @Schema(implementation = ChannelSchemas.Saved.class)))
    public Uni<ChannelSchemas.Saved> importCsv(@Parameter(description = CLIENT) @PathParam("clientId") String clientId,
            @Parameter(description = StoreResource.STORE) @PathParam("storeId") String storeId,
            @RequestBody(required = true, content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING))) String csv) {
        return stores.importCsv(clientId, storeId, csv).map(ChannelSchemas.Saved::new);
    }
}
