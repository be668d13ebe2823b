package com.podflow.intake.api.openapi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.ShippingAddress;

/**
 * The shapes of the answers that intake passes through from another service (the ledger's order projection,
 * notification-service's settings and deliveries) or builds as maps, for the OpenAPI document only: the resources keep
 * answering what those services answer, and the tests validate every answer against these schemas. Requests that the
 * API reads as records ({@code Order}, {@code NewCustomer}, ...) are documented from those records directly.
 */
public final class ApiSchemas {
    private ApiSchemas() {
    }

    @Schema(name = "OrderCreated", description = "The answer to a submitted order", requiredProperties = {"id",
            "orderReferenceId", "createdAt"})
    public record OrderCreated(
            @Schema(description = "The order id, for every later call", example = "32884a3e-bd09-42be-8225-c5cea7d24611") String id,
            @Schema(description = "The client's own order reference, as sent", example = "test") String orderReferenceId,
            @Schema(example = "2024-07-17T10:23:28Z") Instant createdAt) {}

    @Schema(name = "OrderDetails", description = "An order in the detailed shape of the API reference's Get Order"
            + " answer, plus its attempt, status history and notes. Right after submitting, before the ledger has seen the"
            + " order, it is intake's own record (status received or draft, the order as sent).", requiredProperties = {
                    "id", "fulfillmentStatus"})
    public record OrderDetails(String id, String clientId, String orderReferenceId, String customerReferenceId,
            FulfillmentStatus fulfillmentStatus,
            @Schema(description = "Not tracked yet: always null") String financialStatus, String currency,
            String retailCurrency, BigDecimal retailShippingPriceInclVat,
            @Schema(enumeration = {"order", "draft"}) String orderType,
            @Schema(description = "How the order arrived, e.g. api") String channel, String shipmentMethodUid,
            Boolean preventDuplicate, OrderAddress shippingAddress, List<OrderItemDetails> items,
            @Schema(description = "The shipment the business rules chose; null until the order is created") Shipment shipment,
            @Schema(description = "1 for the first validation, n+1 after each reprocess") Integer attempt,
            String refusalReason, String refusalReasonCode, List<Finding> refusalReasonDetails,
            List<PackagingInstruction> packagingInstructions, List<MetadataEntry> metadata, Instant orderedAt,
            Instant createdAt, Instant updatedAt, List<StatusEntry> statusHistory, List<Note> notes){}

    @Schema(name = "OrderAddress", description = "The shipping address as stored with the order (with the ids the API"
            + " reference shows once the ledger has the order)")
    public record OrderAddress(String id, String orderId, String country, String firstName, String lastName,
            String companyName, String addressLine1, String addressLine2, String city, String postCode, String state,
            String email, String phone, Boolean isBusiness, String federalTaxId, String stateTaxId,
            String registrationState) {}

    @Schema(name = "OrderItemDetails", description = "An ordered item with its files and its own status")
    public record OrderItemDetails(String itemReferenceId, String productUid, String productName,
            @Schema(description = "The customer product's variant, as sent") JsonNode productVariant,
            Integer quantity, BigDecimal retailPriceInclVat, List<OrderFile> files, CustomTrim customTrim,
            List<MetadataEntry> metadata, FulfillmentStatus fulfillmentStatus) {}

    @Schema(name = "Shipment", description = "The chosen shipment method and production facility")
    public record Shipment(String shipmentMethodUid, String shipmentMethodName, String carrier, String serviceType,
            BigDecimal price, String currency, Integer minDeliveryDays, Integer maxDeliveryDays,
            String fulfillmentFacilityId, String fulfillmentCountry) {}

    @Schema(name = "Finding", description = "One reason a validator refused the order")
    public record Finding(String code, String field, String message) {}

    @Schema(name = "StatusEntry", description = "A status the order reached, when and why")
    public record StatusEntry(FulfillmentStatus status, Instant at, String cause) {}

    @Schema(name = "Note", description = "Something that happened to the order without changing its status")
    public record Note(Instant at, String text) {}

    @Schema(name = "OrderSearch", description = "Filters of an order search; every given filter must match. A text"
            + " is accepted where a list is shown.")
    public record OrderSearch(
            @Schema(maxItems = 100) List<FulfillmentStatus> fulfillmentStatus,
            @Schema(maxItems = 100, description = "Financial statuses are not tracked yet: this filter matches nothing") List<String> financialStatus,
            String orderReferenceId,
            @Schema(maxItems = 100) List<String> orderReferenceIds,
            @Schema(description = "Orders created at or after this ISO 8601 date or date-time", example = "2024-12-01") String startDate,
            @Schema(description = "Orders created before this ISO 8601 date-time; a date includes that day", example = "2024-12-31") String endDate,
            @Schema(maxItems = 100, description = "Shipping countries (ISO 3166-1 alpha-2)") List<String> countries,
            @Schema(minimum = "1", maximum = "100", defaultValue = "50") Integer limit,
            @Schema(minimum = "0", defaultValue = "0") Integer offset) {}

    @Schema(name = "OrderSearchResult", description = "The matching orders, newest first", requiredProperties = "orders")
    public record OrderSearchResult(List<OrderSummary> orders) {}

    @Schema(name = "OrderSummary", description = "One order of a search answer, in the API reference's shape", requiredProperties = {
            "id", "orderReferenceId", "fulfillmentStatus"})
    public record OrderSummary(String id, String clientId, String orderReferenceId, String customerReferenceId,
            FulfillmentStatus fulfillmentStatus, String financialStatus, String currency,
            @Schema(enumeration = {"order", "draft"}) String orderType, String channel, String firstName,
            String lastName, String country, Integer itemsCount, Instant createdAt, Instant updatedAt,
            Instant orderedAt, String refusalReasonCode){}

    @Schema(name = "DraftUpdated", description = "The draft after the change", requiredProperties = {"id",
            "orderReferenceId", "orderType", "updatedAt"})
    public record DraftUpdated(String id, String orderReferenceId,
            @Schema(enumeration = {"order", "draft"}) String orderType, Instant updatedAt){}

    @Schema(name = "Done", description = "The API reference's success answer of a command", requiredProperties = {
            "code", "message"})
    public record Done(@Schema(example = "200") int code, @Schema(example = "OK") String message) {}

    @Schema(name = "Reprocessing", description = "A reprocess was accepted: the order is validated again as this"
            + " attempt", requiredProperties = {"code", "message", "attempt"})
    public record Reprocessing(@Schema(example = "200") int code, @Schema(example = "OK") String message,
            @Schema(example = "2") int attempt) {}

    @Schema(name = "ShipmentUpdate", description = "A new shipment method, a new shipping address, or both: at least"
            + " one", minProperties = 1)
    public record ShipmentUpdate(@Schema(minLength = 1, maxLength = 1000) String shipmentMethodUid,
            ShippingAddress shippingAddress) {}

    @Schema(name = "ShipmentUpdated", description = "The order's shipping address and shipment after the update")
    public record ShipmentUpdated(OrderAddress shippingAddress, Shipment shipment) {}

    @Schema(name = "RequestLogPage", description = "Requests, newest first", requiredProperties = {"requests", "limit",
            "offset"})
    public record RequestLogPage(List<RequestLogEntry> requests, int limit, int offset) {}

    @Schema(name = "RequestLogEntry", description = "One API request", requiredProperties = {"id", "method", "path",
            "status", "durationMs", "receivedAt"})
    public record RequestLogEntry(String id, @Schema(description = "The X-Request-Id") String requestId,
            String clientId, String keyId, String method, String path, int status, int durationMs, Instant receivedAt,
            String orderId, String customerReferenceId) {}

    @Schema(name = "RequestLogDetail", description = "One API request with the body as sent and the answer (secrets"
            + " redacted; long bodies cut off and marked)", requiredProperties = {"id", "method", "path", "status",
                    "durationMs", "receivedAt", "requestBodyTruncated", "responseBodyTruncated"})
    public record RequestLogDetail(String id, String requestId, String clientId, String keyId, String method,
            String path, int status, int durationMs, Instant receivedAt, String orderId, String customerReferenceId,
            String requestBody, boolean requestBodyTruncated, String responseBody, boolean responseBodyTruncated,
            @Schema(description = "Connectors: the template's output (redacted, cut like the bodies)", nullable = true) String templateOutput,
            @Schema(description = "Connectors and storefronts: the order as submitted (redacted, cut like the bodies)", nullable = true) String finalOrder) {}

    @Schema(name = "NewApiKey", description = "A further API key; shown only this once", requiredProperties = {
            "clientId", "apiKey"})
    public record NewApiKey(String clientId, @Schema(description = "X-API-KEY value, key:secret") String apiKey) {}

    @Schema(name = "NewFacilityKey", description = "A facility's API key; shown only this once", requiredProperties = {
            "facilityId", "apiKey"})
    public record NewFacilityKey(String facilityId,
            @Schema(description = "X-FACILITY-KEY value, key:secret") String apiKey) {}

    @Schema(name = "RateLimit", description = "The client's rate limit after the change", requiredProperties = {
            "clientId", "perSecond"})
    public record RateLimit(String clientId,
            @Schema(description = "Requests per second, or the text \"default\"", anyOf = {Integer.class,
                    String.class}) Object perSecond){}

    // notification-service's client-scoped API, as forwarded (see notification-service/README.md)

    @Schema(name = "PostbackRequest", requiredProperties = "url")
    public record PostbackRequest(@Schema(description = "A public http(s) URL") String url, String contactEmail) {}

    @Schema(name = "Postback", description = "The client's postback target")
    public record Postback(String clientId, String url, boolean enabled, String disabledReason, Instant disabledAt,
            String contactEmail) {}

    @Schema(name = "WebhookRequest", requiredProperties = "url")
    public record WebhookRequest(String url, List<String> eventTypes, Boolean enabled, String contactEmail) {}

    @Schema(name = "Webhook", description = "A webhook endpoint; secret only in the answers that create or rotate it")
    public record Webhook(String id, String clientId, String url, List<String> eventTypes, boolean enabled,
            String disabledReason, Instant disabledAt, Instant failingSince, String contactEmail, Instant createdAt,
            String secret, Instant previousSecretValidUntil) {}

    @Schema(name = "WebhookSecret")
    public record WebhookSecret(String secret) {}

    @Schema(name = "EmailSettings", description = "Which statuses are e-mailed, and to whom")
    public record EmailSettings(List<String> statuses, String clientAddress, Boolean toRecipient) {}

    @Schema(name = "DeliveryAttempt", description = "One attempt to deliver a notification")
    public record DeliveryAttempt(long deliveryId, String channel, String eventId, String eventType, String clientId,
            String orderId, String url, @Schema(description = "The JSON posted, or the e-mail's text") JsonNode payload,
            String subject, Integer attempt, String outcome, Integer statusCode, String responseExcerpt, String error,
            Long durationMs, Instant attemptedAt, Instant nextRetryAt, String deliveryState, Instant createdAt) {}

    @Schema(name = "RedeliverRequest", requiredProperties = {"from", "to"})
    public record RedeliverRequest(@Schema(description = "RFC 3339 time") String from,
            @Schema(description = "RFC 3339 time") String to) {}

    @Schema(name = "Redelivered", description = "How many deliveries were scheduled again")
    public record Redelivered(int redelivered) {}
}
