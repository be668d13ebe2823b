package com.podflow.ledger.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.podflow.events.ProductionRequested;
import com.podflow.events.ValidationPassed;
import com.podflow.events.order.Order;
import com.podflow.events.order.OrderItem;
import com.podflow.events.order.PackagingInstruction;

/** Builds the production request of a created order from its state and the results of its current attempt. */
final class ProductionRequests {
    private ProductionRequests() {
    }

    static ProductionRequested of(OrderState created, List<OrderState.ValidatorResult> results, Instant at) {
        Order order = created.order();
        ValidationPassed.ShipmentChoice shipment = created.shipment();
        List<ValidationPassed.CheckedFile> checked = results.stream()
                .filter(r -> r.passed() && r.resolution() != null && r.resolution().files() != null)
                .flatMap(r -> r.resolution().files().stream())
                .toList();
        List<OrderItem> items = order == null || order.items() == null ? List.of() : order.items();
        List<PackagingInstruction> packages = order == null || order.packagingInstructions() == null
                ? List.of()
                : order.packagingInstructions();
        return new ProductionRequested(created.orderId(), created.clientId(), created.orderReferenceId(),
                created.attempt(), shipment == null ? null : shipment.fulfillmentFacilityId(),
                shipment == null ? null : shipment.fulfillmentCountry(), shipment,
                items.stream().map(i -> item(i, checked, products(results))).toList(),
                packages.stream().map(p -> pack(p, checked)).toList(),
                order == null ? null : order.shippingAddress(), order == null ? null : order.currency(),
                order == null ? null : order.retailCurrency(),
                order == null ? null : order.retailShippingPriceInclVat(), order == null ? null : order.metadata(), at);
    }

    private static List<ValidationPassed.ResolvedProduct> products(List<OrderState.ValidatorResult> results) {
        return results.stream()
                .filter(r -> r.passed() && r.resolution() != null && r.resolution().products() != null)
                .flatMap(r -> r.resolution().products().stream())
                .toList();
    }

    private static ProductionRequested.Item item(OrderItem item, List<ValidationPassed.CheckedFile> checked,
            List<ValidationPassed.ResolvedProduct> products) {
        List<ProductionRequested.File> files = item.files() == null
                ? List.of()
                : item.files().stream()
                        .map(f -> new ProductionRequested.File(f.type(), f.metadata(), checked.stream()
                                .filter(c -> Objects.equals(c.itemReferenceId(), item.itemReferenceId())
                                        && Objects.equals(c.type(), f.type()))
                                .findFirst().orElse(null)))
                        .toList();
        return new ProductionRequested.Item(item.itemReferenceId(), item.productUid(), item.productName(),
                item.productVariant(),
                products.stream().filter(p -> Objects.equals(p.itemReferenceId(), item.itemReferenceId())).findFirst()
                        .orElse(null),
                item.quantity() == null ? 0 : item.quantity(), item.customTrim(),
                item.retailPriceInclVat(), files, item.metadata());
    }

    private static ProductionRequested.Package pack(PackagingInstruction instruction,
            List<ValidationPassed.CheckedFile> checked) {
        String url = instruction.packingSlip() == null ? null : instruction.packingSlip().fileUrl();
        ValidationPassed.CheckedFile slip = url == null
                ? null
                : checked.stream().filter(c -> c.itemReferenceId() == null && url.equals(c.url())).findFirst()
                        .orElse(null);
        return new ProductionRequested.Package(instruction.packageItems(), slip, url);
    }
}
