package com.podflow.events.order;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An order as a client submits it to the Order API; field names and shapes follow the API reference. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Order(
        String orderReferenceId,
        String orderType,
        String customerReferenceId,
        String currency,
        String retailCurrency,
        BigDecimal retailShippingPriceInclVat,
        String shipmentMethodUid,
        Boolean preventDuplicate,
        ShippingAddress shippingAddress,
        List<OrderItem> items,
        List<PackagingInstruction> packagingInstructions,
        List<MetadataEntry> metadata) {}
