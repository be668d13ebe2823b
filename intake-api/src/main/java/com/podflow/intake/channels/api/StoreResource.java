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

import io.smallrye.mutiny.Uni;

import com.podflow.intake.api.CurrentClient;
import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.channels.service.StorefrontService;
import com.podflow.support.api.ApiException;

/** A client's connected storefronts and their product mappings (store product/variant → productUid + design file). */
@Path("/v1/stores")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.CHANNELS)
public class StoreResource {
    static final String STORE = "The store's id (st_…), as connectStore answered";
    private final StorefrontService stores;
    private final CurrentClient client;

    public StoreResource(StorefrontService stores, CurrentClient client) {
        this.stores = stores;
        this.client = client;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "connectStore", summary = "Connect a storefront", description = "Registers a Shopify or"
            + " WooCommerce store with its webhook signing secret (kept encrypted); the answer's webhookUrl is where the"
            + " store sends its order webhooks (Shopify orders/create, WooCommerce order.created).")
    @APIResponse(responseCode = "201", description = "Connected", content = @Content(schema = @Schema(implementation = ChannelSchemas.Store.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<Response> connect(@RequestBody(required = true) ChannelSchemas.StoreConnect body) {
        return connectFor(stores, client.id(), body);
    }

    static Uni<Response> connectFor(StorefrontService stores, String clientId, ChannelSchemas.StoreConnect body) {
        if (body == null) {
            throw new ApiException(400, "The request body must be {\"platform\", \"secret\", \"name\"?,"
                    + " \"customerReferenceId\"?}");
        }
        return stores.connect(clientId, body.platform(), body.name(), body.secret(), body.customerReferenceId())
                .map(store -> Response.created(URI.create("/v1/stores/" + store.id()))
                        .entity(ChannelSchemas.Store.of(store)).build());
    }

    @GET
    @Operation(operationId = "listStores", summary = "List connected storefronts")
    @APIResponse(responseCode = "200", description = "The stores", content = @Content(schema = @Schema(implementation = ChannelSchemas.StoreList.class)))
    public Uni<ChannelSchemas.StoreList> list() {
        return stores.list(client.id())
                .map(list -> new ChannelSchemas.StoreList(list.stream().map(ChannelSchemas.Store::of).toList()));
    }

    @DELETE
    @Path("/{storeId}")
    @Operation(operationId = "disconnectStore", summary = "Disconnect a storefront", description = "Its webhooks are"
            + " refused (401) from now on; its product mappings are deleted.")
    @APIResponse(responseCode = "204", description = "Disconnected")
    public Uni<Response> delete(@Parameter(description = STORE) @PathParam("storeId") String storeId) {
        return stores.delete(client.id(), storeId).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{storeId}/product-mappings")
    @Operation(operationId = "listProductMappings", summary = "List a store's product mappings")
    @APIResponse(responseCode = "200", description = "The mappings", content = @Content(schema = @Schema(implementation = ChannelSchemas.ProductMappingList.class)))
    public Uni<ChannelSchemas.ProductMappingList> mappings(
            @Parameter(description = STORE) @PathParam("storeId") String storeId) {
        return mappingsFor(stores, client.id(), storeId);
    }

    static Uni<ChannelSchemas.ProductMappingList> mappingsFor(StorefrontService stores, String clientId,
            String storeId) {
        return stores.mappings(clientId, storeId).map(list -> new ChannelSchemas.ProductMappingList(
                list.stream().map(ChannelSchemas.ProductMapping::of).toList()));
    }

    @PUT
    @Path("/{storeId}/product-mappings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putProductMappings", summary = "Create or change product mappings", description = "Each"
            + " mapping (store product, optionally one variant, to a productUid and design file URL) replaces the one"
            + " with the same product and variant. All or none: a bad mapping refuses the request naming it.")
    @APIResponse(responseCode = "200", description = "Saved", content = @Content(schema = @Schema(implementation = ChannelSchemas.Saved.class)))
    public Uni<ChannelSchemas.Saved> put(@Parameter(description = STORE) @PathParam("storeId") String storeId,
            @RequestBody(required = true) ChannelSchemas.ProductMappingList body) {
        return putFor(stores, client.id(), storeId, body);
    }

    static Uni<ChannelSchemas.Saved> putFor(StorefrontService stores, String clientId, String storeId,
            ChannelSchemas.ProductMappingList body) {
        if (body == null || body.mappings() == null) {
            throw new ApiException(400, "The request body must be {\"mappings\": [...]}");
        }
        if (body.mappings().stream().anyMatch(java.util.Objects::isNull)) {
            throw new ApiException(400, "mappings must not contain null");
        }
        return stores.putMappings(clientId, storeId,
                body.mappings().stream().map(ChannelSchemas.ProductMapping::toMapping).toList())
                .map(ChannelSchemas.Saved::new);
    }

    @POST
    @Path("/{storeId}/product-mappings")
    @Consumes("text/csv")
    @Operation(operationId = "importProductMappings", summary = "Import product mappings from CSV", description = "A"
            + " header row naming productId, variantId (optional), productUid, fileUrl, fileType (optional), then one"
            + " row per mapping. All rows or none: a bad row refuses the file naming the row and field.")
    @APIResponse(responseCode = "200", description = "Imported", content = @Content(schema = @Schema(implementation = ChannelSchemas.Saved.class)))
    public Uni<ChannelSchemas.Saved> importCsv(@Parameter(description = STORE) @PathParam("storeId") String storeId,
            @RequestBody(required = true, content = @Content(mediaType = "text/csv", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING))) String csv) {
        return stores.importCsv(client.id(), storeId, csv).map(ChannelSchemas.Saved::new);
    }

    @DELETE
    @Path("/{storeId}/product-mappings/{productId}")
    @Operation(operationId = "deleteProductMapping", summary = "Delete a product mapping")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> deleteMapping(@Parameter(description = STORE) @PathParam("storeId") String storeId,
            @Parameter(description = "The store's product id") @PathParam("productId") String productId,
            @Parameter(description = "The variant; absent: the product's mapping for every variant") @QueryParam("variantId") String variantId) {
        return stores.deleteMapping(client.id(), storeId, productId, variantId)
                .replaceWith(Response.noContent().build());
    }

}
