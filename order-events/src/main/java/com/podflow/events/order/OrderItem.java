package com.podflow.events.order;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** One ordered product: a catalog {@code productUid}, or a customer product ({@code productName}+{@code productVariant}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderItem(
        String itemReferenceId,
        String productUid,
        String productName,
        JsonNode productVariant,
        Integer quantity,
        BigDecimal retailPriceInclVat,
        List<OrderFile> files,
        CustomTrim customTrim,
        List<MetadataEntry> metadata) {}
