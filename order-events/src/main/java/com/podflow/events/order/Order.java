package com.podflow.events.order;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.podflow.events.order.validation.IsoCurrency;
import com.podflow.events.order.validation.OrderViolations;
import com.podflow.events.order.validation.ValidOrder;

/**
 * An order as a client submits it to the Order API; field names and shapes follow the API reference. The constraints
 * are the order's shape and format rules, declared once: the Order API answers 400 with them, and the data validator
 * turns them into findings for orders from every other channel ({@code validation.OrderViolations}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidOrder
public record Order(
        @NotBlank(message = OrderViolations.REQUIRED) @Size(max = 255) String orderReferenceId,
        @Pattern(regexp = "order|draft", message = "must be \"order\" or \"draft\"") String orderType,
        @Size(max = 255) String customerReferenceId,
        @NotBlank(message = OrderViolations.REQUIRED) @IsoCurrency String currency,
        @IsoCurrency String retailCurrency,
        @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 12, fraction = 4) BigDecimal retailShippingPriceInclVat,
        @Size(max = 1000) String shipmentMethodUid,
        Boolean preventDuplicate,
        @NotNull(message = OrderViolations.REQUIRED) @Valid ShippingAddress shippingAddress,
        @NotEmpty(message = "is required: at least one item") @Size(max = 500) List<@NotNull @Valid OrderItem> items,
        @Size(max = 100) List<@NotNull @Valid PackagingInstruction> packagingInstructions,
        @Size(max = 50) List<@NotNull @Valid MetadataEntry> metadata) {

    /** This order with another {@code orderType}. */
    public Order withOrderType(String type) {
        return new Order(orderReferenceId, type, customerReferenceId, currency, retailCurrency,
                retailShippingPriceInclVat, shipmentMethodUid, preventDuplicate, shippingAddress, items,
                packagingInstructions, metadata);
    }

    /** This order with other order-level metadata. */
    public Order withMetadata(List<MetadataEntry> entries) {
        return new Order(orderReferenceId, orderType, customerReferenceId, currency, retailCurrency,
                retailShippingPriceInclVat, shipmentMethodUid, preventDuplicate, shippingAddress, items,
                packagingInstructions, entries);
    }

    /** This order shipped differently: a null method or address keeps the current one. */
    public Order withShipment(String method, ShippingAddress address) {
        return new Order(orderReferenceId, orderType, customerReferenceId, currency, retailCurrency,
                retailShippingPriceInclVat, method == null ? shipmentMethodUid : method, preventDuplicate,
                address == null ? shippingAddress : address, items, packagingInstructions, metadata);
    }
}
