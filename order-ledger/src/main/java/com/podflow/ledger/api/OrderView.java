package com.podflow.ledger.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.FulfillmentStatus;
import com.podflow.events.ProductionReported;
import com.podflow.events.ValidationFailed;
import com.podflow.events.ValidationPassed;
import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.ShippingAddress;
import com.podflow.ledger.domain.OrderState;
import com.podflow.ledger.domain.WaitingFor;

/**
 * An order in the detailed shape of the Order API's "Get order" answer, plus its status history. {@code waitingFor}
 * (what the fold still expects, {@link WaitingFor}) is for operators only: absent from the client-scoped answer.
 */
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
        List<OrderState.Note> notes,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<WaitingFor.Input> waitingFor) {

    /**
     * The shipment, in the API reference's shape: the method and facility the business rules chose (null until the
     * order is created), the delivery window as dates (from the creation day), and what the facility reported:
     * {@code status} (the order's status once shipped), {@code packages} (carrier, tracking code and URL, the items in
     * each, when they left), {@code shippedAt}/{@code deliveredAt}.
     */
    public record ShipmentView(String shipmentMethodUid, String shipmentMethodName, String carrier,
            String serviceType, BigDecimal price, String currency, Integer minDeliveryDays, Integer maxDeliveryDays,
            LocalDate minDeliveryDate, LocalDate maxDeliveryDate, String fulfillmentFacilityId,
            String fulfillmentCountry, int packageCount, String status, List<PackageView> packages,
            Instant shippedAt, Instant deliveredAt) {

        static ShipmentView of(OrderState state) {
            ValidationPassed.ShipmentChoice c = state.shipment();
            if (c == null) {
                return null;
            }
            Instant created = at(state, FulfillmentStatus.CREATED);
            LocalDate day = created == null ? null : created.atZone(ZoneOffset.UTC).toLocalDate();
            List<PackageView> packages = new ArrayList<>();
            if (state.production() != null) {
                for (OrderState.ShipmentRecord s : state.production().shipments()) {
                    List<ProductionReported.Parcel> parcels = s.packages().isEmpty()
                            ? List.of(new ProductionReported.Parcel(s.trackingCode(), s.trackingUrl()))
                            : s.packages();
                    for (ProductionReported.Parcel p : parcels) {
                        packages.add(new PackageView(s.carrier(), p.trackingCode(), p.trackingUrl(), s.items(),
                                s.shippedAt()));
                    }
                }
            }
            return new ShipmentView(c.shipmentMethodUid(), c.shipmentMethodName(), c.carrier(), c.serviceType(),
                    c.price(), c.currency(), c.minDeliveryDays(), c.maxDeliveryDays(),
                    day == null || c.minDeliveryDays() == null ? null : day.plusDays(c.minDeliveryDays()),
                    day == null || c.maxDeliveryDays() == null ? null : day.plusDays(c.maxDeliveryDays()),
                    c.fulfillmentFacilityId(), c.fulfillmentCountry(), Math.max(1, packages.size()),
                    state.status() != null && state.status().hasShipped() ? state.status().wireName() : null,
                    packages, at(state, FulfillmentStatus.SHIPPED), at(state, FulfillmentStatus.DELIVERED));
        }

        private static Instant at(OrderState state, FulfillmentStatus status) {
            return state.statusHistory().stream().filter(e -> e.status() == status).map(OrderState.StatusEntry::at)
                    .reduce((first, last) -> last).orElse(null);
        }
    }

    /** A parcel that left the facility: carrier, tracking, which items (and how many) it holds. */
    public record PackageView(String carrier, String trackingCode, String trackingUrl,
            List<ProductionReported.ItemQuantity> items, Instant shippedAt) {}

    /** The shipping address with the ids the API reference shows. */
    public record AddressView(String id, String orderId, String country, String firstName, String lastName,
            String companyName, String addressLine1, String addressLine2, String city, String postCode, String state,
            String email, String phone, Boolean isBusiness, String federalTaxId, String stateTaxId,
            String registrationState) {}

    /** An ordered item with its files and its own status. */
    public record ItemView(String itemReferenceId, String productUid, String productName, JsonNode productVariant,
            Integer quantity, BigDecimal retailPriceInclVat, List<OrderFile> files, CustomTrim customTrim,
            List<MetadataEntry> metadata, FulfillmentStatus fulfillmentStatus) {}

    private static FulfillmentStatus itemStatus(OrderState state, OrderItem item) {
        boolean inProduction = state.production() != null && state.status() != FulfillmentStatus.CANCELED
                && state.status() != FulfillmentStatus.FAILED;
        return inProduction
                ? state.production().item(item.itemReferenceId()).map(OrderState.ItemProgress::status)
                        .orElse(state.status())
                : state.status();
    }

    public static OrderView from(OrderState state) {
        return from(state, null);
    }

    /** The view with what the order waits for (operators' views); {@code waitingFor} null leaves it out. */
    public static OrderView from(OrderState state, List<WaitingFor.Input> waitingFor) {
        Order order = Optional.ofNullable(state.order()).orElse(
                new Order(null, null, null, null, null, null, null, null, null, List.of(), null, null));
        List<ValidationFailed.Finding> details = state.status() == FulfillmentStatus.FAILED
                ? state.resultsOf(state.attempt()).stream().flatMap(r -> r.findings().stream()).toList()
                : null;
        return new OrderView(state.orderId(), state.clientId(), state.orderReferenceId(),
                order.customerReferenceId(), state.status(), null, order.currency(), order.retailCurrency(),
                order.orderType(), state.channel(), order.shipmentMethodUid(),
                address(state.orderId(), order.shippingAddress()), items(order.items(), state),
                ShipmentView.of(state), state.attempt(), state.refusalReason(), state.refusalReasonCode(),
                details,
                order.metadata() == null ? List.of() : order.metadata(), state.receivedAt(), state.receivedAt(),
                state.updatedAt(), state.statusHistory(), state.notes(), waitingFor);
    }

    private static AddressView address(String orderId, ShippingAddress a) {
        if (a == null) {
            return null;
        }
        return new AddressView(orderId, orderId, a.country(), a.firstName(), a.lastName(), a.companyName(),
                a.addressLine1(), a.addressLine2(), a.city(), a.postCode(), a.state(), a.email(), a.phone(),
                a.isBusiness(), a.federalTaxId(), a.stateTaxId(), a.registrationState());
    }

    /** Each item with its own status: the facility's report for it once production started, else the order's. */
    private static List<ItemView> items(List<OrderItem> items, OrderState state) {
        if (items == null) {
            return List.of();
        }
        return items.stream()
                .map(i -> new ItemView(i.itemReferenceId(), i.productUid(), i.productName(), i.productVariant(),
                        i.quantity(), i.retailPriceInclVat(), i.files() == null ? List.of() : i.files(),
                        i.customTrim(), i.metadata() == null ? List.of() : i.metadata(), itemStatus(state, i)))
                .toList();
    }
}
