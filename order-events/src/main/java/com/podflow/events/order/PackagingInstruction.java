package com.podflow.events.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.podflow.events.order.validation.HttpUrl;
import com.podflow.events.order.validation.OrderViolations;

/** Which items go into one package, and its packing slip. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackagingInstruction(
        @NotEmpty(message = "is required: at least one package item") @Size(max = 500) List<@NotNull @Valid PackageItem> packageItems,
        @Valid PackingSlip packingSlip) {

    /** An item (by {@code itemReferenceId}) and how many of it go into the package. */
    public record PackageItem(
            @NotBlank(message = OrderViolations.REQUIRED) String orderItemReferenceId,
            @NotNull(message = OrderViolations.REQUIRED) @Min(value = 1, message = "must be at least 1") Integer quantity) {}

    /** The PDF packing slip to put into the package. */
    public record PackingSlip(@NotBlank(message = OrderViolations.REQUIRED) @HttpUrl String fileUrl) {}
}
