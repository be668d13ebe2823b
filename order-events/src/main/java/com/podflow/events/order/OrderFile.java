package com.podflow.events.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.podflow.events.order.validation.HttpUrl;
import com.podflow.events.order.validation.OrderViolations;

/**
 * A print file of an item: a print area {@code type} (one of the predefined types such as {@code default},
 * {@code front}, {@code back}, or a free name for workflow-enabled products) and a public URL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderFile(
        @NotBlank(message = OrderViolations.REQUIRED) @Pattern(regexp = "[A-Za-z0-9_.-]{1,100}", message = "must be 1 to 100 letters, digits, '_', '.' or '-' (e.g. \"default\", \"back\", \"cover_front\")") String type,
        @NotBlank(message = OrderViolations.REQUIRED) @HttpUrl String url,
        @Size(max = 50) List<@NotNull @Valid MetadataEntry> metadata) {}
