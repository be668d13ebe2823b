package com.podflow.intake.channels.api;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.order.Order;
import com.podflow.intake.channels.persistence.StoreRepository;
import com.podflow.intake.channels.persistence.TemplateStore;
import com.podflow.intake.channels.service.ChannelException;
import com.podflow.intake.channels.service.TemplateService;

/** The request and answer bodies of the channel endpoints. */
public final class ChannelSchemas {
    private ChannelSchemas() {
    }

    @Schema(name = "ChannelProblem", description = "One problem, by stage: template (line given where known), order"
            + " (field as in the Order API), mapping (a store line item)")
    public record Problem(@Schema(enumeration = {
            "template", "order", "mapping"}) String stage, String field,
            String code, String message, @Schema(nullable = true) Integer line){
        static Problem of(ChannelException.Problem p) {
            return new Problem(p.stage(), p.field(), p.code(), p.message(), p.line());
        }
    }

    @Schema(name = "ChannelError", description = "A refusal naming the stage that failed and every problem")
    public record ChannelError(int code, String message,
            @Schema(enumeration = {"template", "order", "mapping"}) String stage,
            List<Problem> errors){}

    @Schema(name = "TemplateSave", requiredProperties = {"template", "samplePayload"})
    public record TemplateSave(
            @Schema(description = "The Jinja template; the payload is context.payload (and payload)") String template,
            @Schema(description = "A foreign payload the template must turn into a valid order before it is saved") JsonNode samplePayload) {}

    @Schema(name = "TemplateTrialRequest")
    public record TemplateTrialRequest(
            @Schema(description = "Inline template (POST /v1/templates:test only)", nullable = true) String template,
            @Schema(description = "The payload to render; for a stored template, its sample payload when absent") JsonNode payload) {}

    @JsonInclude(JsonInclude.Include.NON_NULL) // an absent order rather than null: the schema refers to Order
    @Schema(name = "TemplateTrial", description = "A template tried on a payload: the output, the order read from it,"
            + " every problem")
    public record TemplateTrial(boolean valid, @Schema(nullable = true) String stage,
            @Schema(nullable = true) String output, @Schema(nullable = true) Order order, List<Problem> errors) {
        static TemplateTrial of(TemplateService.Trial trial) {
            return new TemplateTrial(trial.valid(), trial.failedStage(), trial.output(), trial.order(),
                    trial.problems().stream().map(Problem::of).toList());
        }
    }

    @Schema(name = "Template")
    public record Template(String name, int version, String template, JsonNode samplePayload, Instant createdAt) {}

    @Schema(name = "TemplateVersion")
    public record TemplateVersion(String name, int version, Instant createdAt) {
        static TemplateVersion of(TemplateStore.StoredTemplate t) {
            return new TemplateVersion(t.name(), t.version(), t.createdAt());
        }
    }

    @Schema(name = "TemplateList")
    public record TemplateList(List<TemplateStore.TemplateSummary> templates) {}

    @Schema(name = "ConnectorSettings", requiredProperties = "template")
    public record ConnectorSettings(String template,
            @Schema(nullable = true, description = "A pinned version; null: always the latest") Integer templateVersion) {}

    @Schema(name = "Connector")
    public record Connector(String name, String template, @Schema(nullable = true) Integer templateVersion,
            String ordersUrl, Instant updatedAt) {
        static Connector of(TemplateStore.Connector c) {
            return new Connector(c.name(), c.templateName(), c.templateVersion(), "/v1/connectors/" + c.name()
                    + "/orders", c.updatedAt());
        }
    }

    @Schema(name = "ConnectorList")
    public record ConnectorList(List<Connector> connectors) {}

    @Schema(name = "StoreConnect", requiredProperties = {"platform", "secret"})
    public record StoreConnect(@Schema(enumeration = {"shopify", "woocommerce"}) String platform,
            @Schema(description = "The store's webhook signing secret (Shopify: the app's client secret;"
                    + " WooCommerce: the webhook's secret); stored encrypted, never shown again", minLength = 8, maxLength = 500) String secret,
            @Schema(nullable = true, maxLength = 200) String name,
            @Schema(nullable = true, maxLength = 255, description = "The client's customer the store belongs to") String customerReferenceId){}

    @Schema(name = "Store")
    public record Store(String id, String platform, @Schema(nullable = true) String name,
            @Schema(nullable = true) String customerReferenceId, String webhookUrl, Instant createdAt) {
        static Store of(StoreRepository.Store s) {
            return new Store(s.id(), s.platform(), s.name(), s.customerReferenceId(), "/v1/storefronts/"
                    + s.platform() + "/" + s.id() + "/orders", s.createdAt());
        }
    }

    @Schema(name = "StoreList")
    public record StoreList(List<Store> stores) {}

    @Schema(name = "ProductMapping", requiredProperties = {"productId", "productUid", "fileUrl"})
    public record ProductMapping(String productId,
            @Schema(nullable = true, description = "The store's variant; empty or absent: every variant") String variantId,
            String productUid, String fileUrl,
            @Schema(nullable = true, description = "default when absent") String fileType,
            @Schema(implementation = String.class, format = "date-time", nullable = true, readOnly = true) Instant updatedAt) {
        StoreRepository.Mapping toMapping() {
            return new StoreRepository.Mapping(productId, variantId == null ? "" : variantId.strip(), productUid,
                    fileUrl, fileType == null || fileType.isBlank() ? "default" : fileType, null);
        }

        static ProductMapping of(StoreRepository.Mapping m) {
            return new ProductMapping(m.productId(), m.variantId(), m.productUid(), m.fileUrl(), m.fileType(),
                    m.updatedAt());
        }
    }

    @Schema(name = "ProductMappingList")
    public record ProductMappingList(List<ProductMapping> mappings) {}

    @Schema(name = "ProductMappingsSaved")
    public record Saved(int saved) {}

    @Schema(name = "WebhookReceipt", description = "accepted: a new order; duplicate: the store's order was received"
            + " before; replay: this delivery id was taken before; ignored: not an order")
    public record Receipt(@Schema(enumeration = {"accepted", "duplicate", "replay", "ignored"}) String status,
            @Schema(nullable = true) String orderId){}
}
