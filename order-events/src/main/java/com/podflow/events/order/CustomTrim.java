package com.podflow.events.order;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import com.podflow.events.order.validation.OrderViolations;

/** A custom trim size in millimetres, replacing the product's own size. */
public record CustomTrim(
        @NotNull(message = OrderViolations.REQUIRED) @DecimalMin(value = "1", message = "must be at least 1 mm") @DecimalMax(value = "5000", message = "must be at most 5000 mm") BigDecimal widthMm,
        @NotNull(message = OrderViolations.REQUIRED) @DecimalMin(value = "1", message = "must be at least 1 mm") @DecimalMax(value = "5000", message = "must be at most 5000 mm") BigDecimal heightMm) {}
