package com.podflow.events.order;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.order.validation.OrderViolations;
import com.podflow.events.order.validation.ValidItem;

/** One ordered product: a catalog {@code productUid}, or a customer product ({@code productName}+{@code productVariant}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidItem
public record OrderItem(
        @NotBlank(message = OrderViolations.REQUIRED) @Size(max = 255) String itemReferenceId,
        @Size(max = 255) String productUid,
        @Size(max = 255) String productName,
        JsonNode productVariant,
        @NotNull(message = OrderViolations.REQUIRED) @Min(value = 1, message = "must be at least 1") @Max(value = 100_000, message = "must be at most 100000") Integer quantity,
        @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 12, fraction = 4) BigDecimal retailPriceInclVat,
        @NotEmpty(message = "is required: at least one print file") @Size(max = 50) List<@NotNull @Valid OrderFile> files,
        @Valid CustomTrim customTrim,
        @Size(max = 50) List<@NotNull @Valid MetadataEntry> metadata) {}
