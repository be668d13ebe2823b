package com.podflow.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.order.CustomTrim;
import com.podflow.events.order.MetadataEntry;
import com.podflow.events.order.PackagingInstruction;
import com.podflow.events.order.ShippingAddress;

/**
 * The ledger hands a created order to its production facility (on {@code orders.production}): everything the facility
 * needs, so it looks nothing up elsewhere. {@code facilityId}/{@code facilityCountry} repeat the shipment's facility
 * so a facility can filter the feed on one field; {@code attempt} tells a reprocessed order's request from the first.
 * Files are the checked copies file-fetcher reported ({@link ValidationPassed.CheckedFile}, whole, so a field it gains
 * flows through); {@code checked} is null for a file no validator inspected.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductionRequested(String orderId, String clientId, String orderReferenceId, int attempt,
        String facilityId, String facilityCountry, ValidationPassed.ShipmentChoice shipment, List<Item> items,
        List<Package> packagingInstructions, ShippingAddress shippingAddress, String currency, String retailCurrency,
        BigDecimal retailShippingPriceInclVat, List<MetadataEntry> metadata, Instant occurredAt)
        implements
            OrderEvent {

    public ProductionRequested {
        items = items == null ? List.of() : List.copyOf(items);
        packagingInstructions = packagingInstructions == null ? List.of() : List.copyOf(packagingInstructions);
        metadata = metadata == null ? List.of() : List.copyOf(metadata);
    }

    /**
     * One item to make: the catalog product ({@code product}: as the product validator resolved it, with its print
     * specs; null when it reported none), how many, its trim, its files and its retail price (for customs).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String itemReferenceId, String productUid, String productName, JsonNode productVariant,
            ValidationPassed.ResolvedProduct product, int quantity, CustomTrim customTrim,
            BigDecimal retailPriceInclVat, List<File> files, List<MetadataEntry> metadata) {
        public Item {
            files = files == null ? List.of() : List.copyOf(files);
            metadata = metadata == null ? List.of() : List.copyOf(metadata);
        }
    }

    /** A print file: its print area {@code type}, the client's metadata and the checked copy to fetch. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record File(String type, List<MetadataEntry> metadata, ValidationPassed.CheckedFile checked) {}

    /** One package: which items go in, and its packing slip (the checked copy when file-fetcher inspected it). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Package(List<PackagingInstruction.PackageItem> packageItems,
            ValidationPassed.CheckedFile packingSlip, String packingSlipUrl) {}
}
