package com.podflow.ledger.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;
import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.ShippingAddress;
import com.podflow.ledger.domain.OrderState;

/** An order in the detailed shape of the Order API's "Get order" answer, plus its status history. */
public record OrderView(
        String id,
        String clientId,
        String orderReferenceId,
        String customerReferenceId,
        FulfillmentStatus fulfillmentStatus,
        String financialStatus,
        String currency,
        String retailCurrency,
        String orderType,
        String channel,
        String shipmentMethodUid,
        AddressView shippingAddress,
        List<ItemView> items,
        ShipmentView shipment,
        int attempt,
        String refusalReason,
        String refusalReasonCode,
        List<ValidationFailed.Finding> refusalReasonDetails,
        List<MetadataEntry> metadata,
        Instant orderedAt,
        Instant createdAt,
        Instant updatedAt,
        List<OrderState.StatusEntry> statusHistory,
        List<OrderState.Note> notes) {

    /** The shipment the business rules chose, in the API reference's shape; null until the order is created. */
    public record ShipmentView(String shipmentMethodUid, String shipmentMethodName, String carrier,
            String serviceType, BigDecimal price, String currency, Integer minDeliveryDays, Integer maxDeliveryDays,
            String fulfillmentFacilityId, String fulfillmentCountry) {

        static ShipmentView of(ValidationPassed.ShipmentChoice c) {
            return c == null
                    ? null
                    : new ShipmentView(c.shipmentMethodUid(), c.shipmentMethodName(), c.carrier(), c.serviceType(),
                            c.price(), c.currency(), c.minDeliveryDays(), c.maxDeliveryDays(),
                            c.fulfillmentFacilityId(), c.fulfillmentCountry());
        }
    }

    /** The shipping address with the ids the API reference shows. */
    public record AddressView(String id, String orderId, String country, String firstName, String lastName,
            String companyName, String addressLine1, String addressLine2, String city, String postCode, String state,
            String email, String phone, Boolean isBusiness, String federalTaxId, String stateTaxId,
            String registrationState) {}

    /** An ordered item with its files and its own status. */
    public record ItemView(String itemReferenceId, String productUid, String productName, JsonNode productVariant,
            Integer quantity, BigDecimal retailPriceInclVat, List<OrderFile> files, CustomTrim customTrim,
            List<MetadataEntry> metadata, FulfillmentStatus fulfillmentStatus) {}

    public static OrderView from(OrderState state) {
        Order order = Optional.ofNullable(state.order()).orElse(
                new Order(null, null, null, null, null, null, null, null, null, List.of(), null, null));
        List<ValidationFailed.Finding> details = state.status() == FulfillmentStatus.FAILED
                ? state.resultsOf(state.attempt()).stream().flatMap(r -> r.findings().stream()).toList()
                : null;
        return new OrderView(state.orderId(), state.clientId(), state.orderReferenceId(),
                order.customerReferenceId(), state.status(), null, order.currency(), order.retailCurrency(),
                order.orderType(), state.channel(), order.shipmentMethodUid(),
                address(state.orderId(), order.shippingAddress()), items(order.items(), state.status()),
                ShipmentView.of(state.shipment()), state.attempt(), state.refusalReason(), state.refusalReasonCode(),
                details,
                order.metadata() == null ? List.of() : order.metadata(), state.receivedAt(), state.receivedAt(),
                state.updatedAt(), state.statusHistory(), state.notes());
    }

    private static AddressView address(String orderId, ShippingAddress a) {
        if (a == null) {
            return null;
        }
        return new AddressView(orderId, orderId, a.country(), a.firstName(), a.lastName(), a.companyName(),
                a.addressLine1(), a.addressLine2(), a.city(), a.postCode(), a.state(), a.email(), a.phone(),
                a.isBusiness(), a.federalTaxId(), a.stateTaxId(), a.registrationState());
    }

    private static List<ItemView> items(List<OrderItem> items, FulfillmentStatus status) {
        if (items == null) {
            return List.of();
        }
        return items.stream()
                .map(i -> new ItemView(i.itemReferenceId(), i.productUid(), i.productName(), i.productVariant(),
                        i.quantity(), i.retailPriceInclVat(), i.files() == null ? List.of() : i.files(),
                        i.customTrim(), i.metadata() == null ? List.of() : i.metadata(), status))
                .toList();
    }
}
