package com.podflow.files.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.podflow.events.order.Order;
import com.podflow.events.order.OrderFile;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;

/**
 * A URL an order asks production to download, the JSON path of the field that holds it, and what the file must be: a
 * print file of item {@code itemReferenceId} (printed at {@code trim} when known) or a packing slip ({@code itemReferenceId}
 * null).
 */
public record FileReference(String field, String url, Kind kind, String itemReferenceId, String type, TrimSize trim) {

    /** What the file is for, which decides how it is inspected. */
    public enum Kind {
        PRINT_FILE, PACKING_SLIP
    }

    /** A print file of unknown size; for tests and callers that only fetch. */
    public FileReference(String field, String url) {
        this(field, url, Kind.PRINT_FILE, null, null, null);
    }

    public Optional<TrimSize> trimSize() {
        return Optional.ofNullable(trim);
    }

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
            TrimSize trim = item == null ? null : TrimSize.of(item.productUid(), item.customTrim()).orElse(null);
            for (int j = 0; j < files.size(); j++) {
                OrderFile file = files.get(j);
                if (file != null) {
                    add(references, new FileReference("items[" + i + "].files[" + j + "].url", file.url(),
                            Kind.PRINT_FILE, item.itemReferenceId(), file.type(), trim));
                }
            }
        }
        List<PackagingInstruction> packages = nonNull(order.packagingInstructions());
        for (int k = 0; k < packages.size(); k++) {
            PackagingInstruction instruction = packages.get(k);
            if (instruction != null && instruction.packingSlip() != null) {
                add(references, new FileReference("packagingInstructions[" + k + "].packingSlip.fileUrl",
                        instruction.packingSlip().fileUrl(), Kind.PACKING_SLIP, null, "packing_slip", null));
            }
        }
        return List.copyOf(references);
    }

    private static void add(List<FileReference> references, FileReference reference) {
        if (reference.url() != null && !reference.url().isBlank()) {
            references.add(reference);
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
