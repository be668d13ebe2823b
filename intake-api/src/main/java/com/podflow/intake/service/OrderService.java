package com.podflow.intake.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;
import com.podflow.events.order.ShippingAddress;
import com.podflow.intake.client.OrderReader;
import com.podflow.intake.domain.JsonMergePatch;
import com.podflow.intake.persistence.CustomerRepository;
import com.podflow.intake.persistence.OrderStore;
import com.podflow.intake.persistence.OrderStore.StoredOrder;
import com.podflow.support.api.ApiException;

/**
 * What the Order API does: checks, then stores and announces. Commands on an existing order (cancel, shipment update,
 * reprocess) are refused at once when the ledger's current status already rules them out; the ledger folds the
 * command events and settles races (a cancel that crosses a "shipped" report is refused there and noted).
 */
@ApplicationScoped
public class OrderService {
    static final String CUSTOMER_ID = "tenant-customer-id";
    static final String CUSTOMER_UID = "tenant-customer-uid";
    /** Order-level metadata entries allowed ({@code Order.metadata}'s size constraint). */
    private static final int MAX_METADATA = 50;

    private final OrderStore store;
    private final OrderReader reader;
    private final OrderChecks checks;
    private final RequestSubject subject;
    private final CustomerRepository customers;

    public OrderService(OrderStore store, OrderReader reader, OrderChecks checks, RequestSubject subject,
            CustomerRepository customers) {
        this.store = store;
        this.reader = reader;
        this.checks = checks;
        this.subject = subject;
        this.customers = customers;
    }

    /** The answer of a shipment update: the address and shipment as they are now. */
    public record ShipmentAnswer(JsonNode shippingAddress, JsonNode shipment) {}

    public Uni<OrderStore.Accepted> submit(String clientId, Order order, String channel) {
        if (order == null) {
            throw new ApiException(400, "The request body must be an order as JSON");
        }
        subject.about(null, order);
        Order normalized = order.orderType() == null ? order.withOrderType("order") : order;
        // serialized once: checked for NUL characters here, and stored as it is unless a customer is added
        String json = toJson(normalized);
        refuseNulCharacters(json);
        if (!"draft".equals(normalized.orderType())) {
            checks.check(normalized);
        }
        return withCustomer(clientId, normalized)
                .flatMap(enriched -> store.accept(clientId, enriched, enriched == normalized ? json : toJson(enriched),
                        channel))
                .invoke(accepted -> subject.about(accepted.id(), normalized));
    }

    /**
     * Changes a draft with a JSON Merge Patch; {@code "orderType": "order"} places it (the order is then checked like a
     * new one). Only drafts can be patched.
     */
    public Uni<StoredOrder> patchDraft(String clientId, String idOrReference, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new ApiException(400, "The request body must be a JSON object with the fields to change");
        }
        return stored(clientId, idOrReference).flatMap(stored -> {
            if (!stored.stillDraft()) {
                throw new ApiException(409, "Order " + stored.id() + " is not a draft; only drafts can be changed"
                        + " with PATCH (use PUT /v1/orders/{id}/shipment to change how it ships)");
            }
            Order patched = patched(stored.order(), patch);
            refuseNulCharacters(patched);
            if (!"draft".equals(patched.orderType())) {
                checks.check(patched);
            }
            return store.replaceDraft(stored, patched).map(updated -> updated.orElseThrow(() -> new ApiException(409,
                    "Order " + stored.id() + " was placed by another request meanwhile")));
        });
    }

    public Uni<Void> cancel(String clientId, String idOrReference) {
        return stored(clientId, idOrReference).flatMap(stored -> status(clientId, stored).flatMap(status -> {
            if (status == FulfillmentStatus.CANCELED) {
                return Uni.createFrom().voidItem(); // asked twice: it is canceled
            }
            if (status.hasShipped()) {
                throw new ApiException(409, "Order " + stored.id() + " is already " + status.wireName()
                        + "; it can no longer be canceled");
            }
            return store.requestCancel(stored);
        }));
    }

    public Uni<ShipmentAnswer> updateShipment(String clientId, String idOrReference, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "The request body must be a JSON object with shipmentMethodUid and/or"
                    + " shippingAddress");
        }
        JsonNode method = body.get("shipmentMethodUid");
        JsonNode addressJson = body.get("shippingAddress");
        boolean hasMethod = method != null && !method.isNull();
        boolean hasAddress = addressJson != null && !addressJson.isNull();
        if (!hasMethod && !hasAddress) {
            throw new ApiException(400, "Give shipmentMethodUid and/or shippingAddress: at least one is required");
        }
        if (hasMethod && (!method.isTextual() || method.asText().isBlank() || method.asText().length() > 1000)) {
            throw new ApiException(400, "shipmentMethodUid must be a non-empty text of method uids, carriers or"
                    + " service types separated by commas");
        }
        ShippingAddress address = hasAddress ? read(addressJson, ShippingAddress.class, "shippingAddress") : null;
        if (address != null) {
            refuseNulCharacters(address);
            checks.check(address);
        }
        String methodUid = hasMethod ? method.asText().trim() : null;
        return stored(clientId, idOrReference).flatMap(stored -> status(clientId, stored).flatMap(status -> {
            if (status == FulfillmentStatus.CANCELED || status.hasShipped()) {
                throw new ApiException(409, "Order " + stored.id() + " is " + status.wireName()
                        + "; its shipment can no longer be changed");
            }
            return store.requestShipmentUpdate(stored, methodUid, address)
                    .map(updated -> answer(stored.id(), updated));
        }));
    }

    /** Sends a failed order through validation again as a new attempt; answers the new attempt number. */
    public Uni<Integer> reprocess(String clientId, String idOrReference) {
        return stored(clientId, idOrReference).flatMap(stored -> status(clientId, stored).flatMap(status -> {
            if (status != FulfillmentStatus.FAILED) {
                throw new ApiException(409, "Order " + stored.id() + " is " + status.wireName()
                        + "; only failed orders can be reprocessed");
            }
            return store.reprocess(stored);
        }));
    }

    /**
     * The order with its registered customer in its metadata ({@code tenant-customer-id}, {@code tenant-customer-uid},
     * as the API reference shows), when {@code customerReferenceId} names one of the client's customers, the client did
     * not set these keys itself and the metadata has room for them. Otherwise the order as it is: a reference to an
     * unregistered customer is accepted as a free reference.
     */
    private Uni<Order> withCustomer(String clientId, Order order) {
        List<MetadataEntry> metadata = order.metadata() == null ? List.of() : order.metadata();
        boolean taken = metadata.stream().anyMatch(m -> CUSTOMER_ID.equals(m.key()) || CUSTOMER_UID.equals(m.key()));
        if (order.customerReferenceId() == null || order.customerReferenceId().isBlank() || taken
                || metadata.size() > MAX_METADATA - 2) {
            return Uni.createFrom().item(order);
        }
        return customers.find(clientId, order.customerReferenceId()).map(found -> found.map(customer -> {
            List<MetadataEntry> enriched = new ArrayList<>(metadata);
            enriched.add(new MetadataEntry(CUSTOMER_ID, customer.id()));
            enriched.add(new MetadataEntry(CUSTOMER_UID, customer.customerReferenceId()));
            return order.withMetadata(enriched);
        }).orElse(order));
    }

    private Uni<StoredOrder> stored(String clientId, String idOrReference) {
        return store.find(clientId, idOrReference)
                .map(found -> found.orElseThrow(() -> new ApiException(404, "Order '" + idOrReference + "' not found")))
                .invoke(stored -> subject.about(stored.id(), stored.order()));
    }

    private Uni<FulfillmentStatus> status(String clientId, StoredOrder stored) {
        return reader.find(clientId, stored.id()).map(view -> view
                .map(v -> FulfillmentStatus.fromWireName(v.path("fulfillmentStatus").asText("received")))
                .orElse(FulfillmentStatus.RECEIVED));
    }

    /** PostgreSQL text cannot hold U+0000, and no print order needs it: refused like any other bad value. */
    private static void refuseNulCharacters(Object value) {
        refuseNulCharacters(toJson(value));
    }

    /** {@code json} as Jackson writes it, which writes a NUL in a text as a six-character escape (backslash, u0000). */
    private static void refuseNulCharacters(String json) {
        if (json.contains("\\u0000")) {
            throw new ApiException(400, "Text fields must not contain the NUL character (\\u0000)");
        }
    }

    private static String toJson(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static ShipmentAnswer answer(String orderId, Order order) {
        ObjectNode address = EventJson.mapper().createObjectNode();
        address.put("id", orderId);
        address.put("orderId", orderId);
        address.setAll((ObjectNode) EventJson.mapper().valueToTree(order.shippingAddress()));
        JsonNode shipment = EventJson.mapper().valueToTree(Map.of("shipmentMethodUid",
                order.shipmentMethodUid() == null ? "" : order.shipmentMethodUid()));
        return new ShipmentAnswer(address, shipment);
    }

    private static Order patched(Order order, JsonNode patch) {
        JsonNode merged = JsonMergePatch.apply(EventJson.mapper().valueToTree(order), patch);
        return read(merged, Order.class, null);
    }

    private static <T> T read(JsonNode json, Class<T> type, String field) {
        try {
            return EventJson.mapper().treeToValue(json, type);
        } catch (JsonProcessingException e) {
            String where = field == null ? "" : field + ": ";
            throw new ApiException(400, "Invalid " + where + e.getOriginalMessage().split("\n")[0]);
        }
    }
}
