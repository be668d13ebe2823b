package com.podflow.intake.channels.api;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

import com.podflow.intake.api.openapi.ApiDefinition;
import com.podflow.intake.channels.domain.StorefrontOrders.Platform;
import com.podflow.intake.channels.service.StorefrontService;

/**
 * The storefronts' order webhooks. No API key: the store signs the raw body (which is why it is read as bytes) and the
 * signature is checked against the store's secret; see ADR 40.
 */
@Path("/v1/storefronts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDefinition.CHANNELS)
public class StorefrontWebhookResource {
    static final String STORE = "The store's id (st_…), from its webhookUrl";
    private final StorefrontService stores;

    public StorefrontWebhookResource(StorefrontService stores) {
        this.stores = stores;
    }

    @POST
    @Path("/shopify/{storeId}/orders")
    @Operation(operationId = "receiveShopifyOrder", summary = "Shopify orders/create webhook", description = "Checked"
            + " by X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body with the store's secret); a repeated"
            + " X-Shopify-Webhook-Id is answered 200 and ignored. The order goes through the store's product mappings"
            + " and is submitted with channel shopify; orderReferenceId is the store id and Shopify's order id.")
    @APIResponse(responseCode = "200", description = "Taken (or a replay, or not an order)", content = @Content(schema = @Schema(implementation = ChannelSchemas.Receipt.class)))
    @APIResponse(responseCode = "422", description = "A line item is not connected (not_connected, naming the store"
            + " product) or the order is not valid; nothing was submitted", content = @Content(schema = @Schema(implementation = ChannelSchemas.ChannelError.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<ChannelSchemas.Receipt> shopify(@Parameter(description = STORE) @PathParam("storeId") String storeId,
            @Parameter(description = "base64 HMAC-SHA256 of the raw body") @HeaderParam("X-Shopify-Hmac-Sha256") String signature,
            @Parameter(description = "Shopify's delivery id") @HeaderParam("X-Shopify-Webhook-Id") String deliveryId,
            @Parameter(description = "orders/create; other topics are ignored") @HeaderParam("X-Shopify-Topic") String topic,
            @RequestBody(required = true, description = "Shopify's order JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return stores.receive(Platform.SHOPIFY, storeId, body, signature, deliveryId, topic)
                .map(r -> new ChannelSchemas.Receipt(r.status(), r.orderId()));
    }

    @POST
    @Path("/woocommerce/{storeId}/orders")
    @Operation(operationId = "receiveWooCommerceOrder", summary = "WooCommerce order.created webhook", description = "Checked"
            + " by X-WC-Webhook-Signature (base64 HMAC-SHA256 of the raw body with the webhook's secret); a repeated"
            + " X-WC-Webhook-Delivery-ID is answered 200 and ignored. Submitted with channel woocommerce.")
    @APIResponse(responseCode = "200", description = "Taken (or a replay, or not an order)", content = @Content(schema = @Schema(implementation = ChannelSchemas.Receipt.class)))
    @APIResponse(responseCode = "422", description = "A line item is not connected (not_connected) or the order is"
            + " not valid; nothing was submitted", content = @Content(schema = @Schema(implementation = ChannelSchemas.ChannelError.class)))
    @APIResponse(responseCode = "503", ref = "ServiceUnavailable")
    public Uni<ChannelSchemas.Receipt> woocommerce(@Parameter(description = STORE) @PathParam("storeId") String storeId,
            @Parameter(description = "base64 HMAC-SHA256 of the raw body") @HeaderParam("X-WC-Webhook-Signature") String signature,
            @Parameter(description = "WooCommerce's delivery id") @HeaderParam("X-WC-Webhook-Delivery-ID") String deliveryId,
            @Parameter(description = "order.created; other topics are ignored") @HeaderParam("X-WC-Webhook-Topic") String topic,
            @RequestBody(required = true, description = "WooCommerce's order JSON", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return stores.receive(Platform.WOOCOMMERCE, storeId, body, signature, deliveryId, topic)
                .map(r -> new ChannelSchemas.Receipt(r.status(), r.orderId()));
    }
}
