package com.podflow.files.domain;

import java.util.ArrayList;
import java.util.List;

import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;

/** A URL an order asks production to download, and the JSON path of the field that holds it. */
public record FileReference(String field, String url) {

    /**
     * Every print file and packing slip URL of the order, in document order. Absent or blank URLs are left out: the
     * data validator reports missing fields.
     */
    public static List<FileReference> of(Order order) {
        List<FileReference> references = new ArrayList<>();
        if (order == null) {
            return references;
        }
        List<OrderItem> items = nonNull(order.items());
        for (int i = 0; i < items.size(); i++) {
            OrderItem item = items.get(i);
            List<OrderFile> files = item == null ? List.of() : nonNull(item.files());
            for (int j = 0; j < files.size(); j++) {
                OrderFile file = files.get(j);
                if (file != null) {
                    add(references, "items[" + i + "].files[" + j + "].url", file.url());
                }
            }
        }
        List<PackagingInstruction> packages = nonNull(order.packagingInstructions());
        for (int k = 0; k < packages.size(); k++) {
            PackagingInstruction instruction = packages.get(k);
            if (instruction != null && instruction.packingSlip() != null) {
                add(references, "packagingInstructions[" + k + "].packingSlip.fileUrl",
                        instruction.packingSlip().fileUrl());
            }
        }
        return List.copyOf(references);
    }

    private static void add(List<FileReference> references, String field, String url) {
        if (url != null && !url.isBlank()) {
            references.add(new FileReference(field, url));
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
