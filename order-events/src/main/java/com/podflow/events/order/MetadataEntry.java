package com.podflow.events.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.podflow.events.order.validation.OrderViolations;

/** A client's key/value annotation at order, item or file level, stored and returned as given. */
public record MetadataEntry(
        @NotBlank(message = OrderViolations.REQUIRED) @Size(max = 100) String key,
        @Size(max = 1000) String value) {}
