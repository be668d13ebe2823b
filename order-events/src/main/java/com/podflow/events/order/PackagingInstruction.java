package com.podflow.events.order;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Which items go into one package, and its packing slip. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackagingInstruction(List<PackageItem> packageItems, PackingSlip packingSlip) {

    /** An item (by {@code itemReferenceId}) and how many of it go into the package. */
    public record PackageItem(String orderItemReferenceId, Integer quantity) {}

    /** The PDF packing slip to put into the package. */
    public record PackingSlip(String fileUrl) {}
}
