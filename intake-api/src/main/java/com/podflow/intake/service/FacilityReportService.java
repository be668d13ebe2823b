package com.podflow.intake.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;

import com.podflow.events.ProductionReported;
import com.podflow.events.ProductionReported.ItemQuantity;
import com.podflow.events.ProductionReported.Kind;
import com.podflow.events.ProductionReported.Shipment;
import com.podflow.intake.persistence.FacilityReportStore;
import com.podflow.support.api.ApiError.FieldError;
import com.podflow.support.api.ApiException;

/**
 * A facility's report over REST: checked field by field (every fault named at once, a 400, never a 500), then published
 * as the {@code order.production-reported} a facility on Kafka would send, with the order from the path and the
 * facility from its key. Whether the order is one of this facility's is the ledger's call (it notes a report from
 * another facility than the chosen one): intake does not know which facility an order went to.
 */
@ApplicationScoped
public class FacilityReportService {
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9_]{1,50}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern HTTP_URL = Pattern.compile("https?://\\S+");
    private static final String KINDS = Arrays.stream(Kind.values()).map(Kind::wireName).toList().toString();

    private final FacilityReportStore store;

    public FacilityReportService(FacilityReportStore store) {
        this.store = store;
    }

    /** The body of a report: the {@code data} of {@code order.production-reported} without orderId and facilityId. */
    @Schema(name = "FacilityReport", requiredProperties = {"reportId", "kind"})
    public record Report(
            @Schema(minLength = 1, maxLength = 200, description = "The facility's own id of this report, unique per"
                    + " facility: a report sent again (over REST or Kafka) counts once") String reportId,
            @Schema(enumeration = {"accepted", "in_production", "printed", "packaged", "shipped", "in_transit",
                    "delivered", "returned", "cancel_accepted", "cancel_refused", "error"}) String kind,
            @Schema(description = "The items (and copies) the report concerns; empty or absent: the whole order") List<ItemQuantity> items,
            @Schema(description = "For accepted: the SHA-256 (hex) of each file fetched") List<String> fileSha256,
            @Schema(description = "Required for shipped: the carrier, tracking and parcels") Shipment shipment,
            @Schema(pattern = "[a-z0-9_]{1,50}", description = "Required for error") String errorCode,
            @Schema(maxLength = 1000, description = "For error: what went wrong") String errorMessage,
            @Schema(description = "When it happened at the facility; default: when intake received it") Instant occurredAt){}

    /** The answer: the report's event id (the same for a repeat). */
    @Schema(name = "FacilityReportReceived", requiredProperties = {"eventId", "orderId", "reportId"})
    public record Received(String eventId, String orderId, String reportId) {}

    /** Checks the report and publishes it (once per facility and report id); answers its event id. */
    public Uni<Received> report(String facilityId, String orderId, Report report) {
        ProductionReported event = toEvent(facilityId, orderId, report);
        return store.record(event).map(eventId -> new Received(eventId, orderId, event.reportId()));
    }

    static ProductionReported toEvent(String facilityId, String orderId, Report report) {
        if (!isUuid(orderId)) {
            throw new ApiException(400, "orderId must be an order id (a UUID)",
                    List.of(new FieldError("orderId", "invalid_field", "orderId must be an order id (a UUID)")),
                    null);
        }
        if (report == null) {
            throw new ApiException(400, "The body must be a report: {\"reportId\", \"kind\", ...}");
        }
        var errors = new ArrayList<FieldError>();
        if (report.reportId() == null || report.reportId().isBlank()) {
            errors.add(missing("reportId"));
        } else if (report.reportId().length() > 200) {
            errors.add(invalid("reportId", "reportId must be at most 200 characters"));
        }
        Kind kind = null;
        if (report.kind() == null || report.kind().isBlank()) {
            errors.add(missing("kind"));
        } else {
            kind = Arrays.stream(Kind.values()).filter(k -> k.wireName().equals(report.kind())).findFirst()
                    .orElse(null);
            if (kind == null) {
                errors.add(invalid("kind", "kind must be one of " + KINDS));
            }
        }
        List<ItemQuantity> items = report.items() == null ? List.of() : report.items();
        for (int i = 0; i < items.size(); i++) {
            ItemQuantity item = items.get(i);
            if (item == null || item.itemReferenceId() == null || item.itemReferenceId().isBlank()) {
                errors.add(missing("items[" + i + "].itemReferenceId"));
            }
            if (item != null && item.quantity() != null && item.quantity() < 1) {
                errors.add(invalid("items[" + i + "].quantity", "items[" + i + "].quantity must be at least 1"));
            }
        }
        List<String> files = report.fileSha256() == null ? List.of() : report.fileSha256();
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) == null || !SHA256.matcher(files.get(i)).matches()) {
                errors.add(invalid("fileSha256[" + i + "]", "fileSha256[" + i + "] must be 64 hex digits"));
            }
        }
        if (kind == Kind.SHIPPED) {
            if (report.shipment() == null) {
                errors.add(missing("shipment"));
            } else if (report.shipment().carrier() == null || report.shipment().carrier().isBlank()) {
                errors.add(missing("shipment.carrier"));
            }
        }
        if (report.shipment() != null) {
            checkUrl(errors, "shipment.trackingUrl", report.shipment().trackingUrl());
            for (int i = 0; i < report.shipment().packages().size(); i++) {
                var parcel = report.shipment().packages().get(i);
                if (parcel == null) {
                    errors.add(invalid("shipment.packages[" + i + "]", "shipment.packages[" + i + "] is null"));
                } else {
                    checkUrl(errors, "shipment.packages[" + i + "].trackingUrl", parcel.trackingUrl());
                }
            }
        }
        if (kind == Kind.ERROR && report.errorCode() == null) {
            errors.add(missing("errorCode"));
        } else if (report.errorCode() != null && !ERROR_CODE.matcher(report.errorCode()).matches()) {
            errors.add(invalid("errorCode", "errorCode must be 1 to 50 of a-z, 0-9 and _"));
        }
        if (report.errorMessage() != null && report.errorMessage().length() > 1000) {
            errors.add(invalid("errorMessage", "errorMessage must be at most 1000 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "Invalid report: "
                    + String.join("; ", errors.stream().map(FieldError::message).toList()), errors, null);
        }
        Instant occurredAt = report.occurredAt() != null
                ? report.occurredAt()
                : Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new ProductionReported(orderId, facilityId, report.reportId(), kind, items, files, report.shipment(),
                report.errorCode(), report.errorMessage(), occurredAt);
    }

    private static void checkUrl(List<FieldError> errors, String field, String url) {
        if (url != null && !HTTP_URL.matcher(url).matches()) {
            errors.add(invalid(field, field + " must be an absolute http(s) URL"));
        }
    }

    private static boolean isUuid(String value) {
        try {
            return value != null && UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static FieldError missing(String field) {
        return new FieldError(field, "missing_required_field", field + " is required");
    }

    private static FieldError invalid(String field, String message) {
        return new FieldError(field, "invalid_field", message);
    }
}
