package com.podflow.intake.channels.service;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.podflow.events.EventJson;
import com.podflow.events.order.Order;
import com.podflow.intake.api.CurrentClient;
import com.podflow.intake.channels.ChannelsConfig;
import com.podflow.intake.channels.domain.SecretBox;
import com.podflow.intake.channels.domain.StorefrontOrders;
import com.podflow.intake.channels.domain.StorefrontOrders.Platform;
import com.podflow.intake.channels.domain.WebhookSignatures;
import com.podflow.intake.channels.persistence.StoreRepository;
import com.podflow.intake.channels.persistence.StoreRepository.Mapping;
import com.podflow.intake.channels.persistence.StoreRepository.Store;
import com.podflow.intake.domain.DuplicateOrderException;
import com.podflow.intake.service.OrderChecks;
import com.podflow.intake.service.OrderService;
import com.podflow.support.api.ApiError;
import com.podflow.support.api.ApiException;

/**
 * Storefront webhooks (Shopify, WooCommerce): signature first (HMAC-SHA256 of the raw body with the store's secret,
 * constant time), then the delivery id (a replay is answered 200 and ignored), then the store's order mapped through
 * its product mappings and submitted like an API order with the platform as channel. See ADR 40.
 */
@ApplicationScoped
public class StorefrontService {
    private static final Logger LOG = Logger.getLogger(StorefrontService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private final StoreRepository stores;
    private final OrderService orders;
    private final OrderChecks checks;
    private final ChannelStages stages;
    private final CurrentClient client;
    private final Optional<SecretBox> box;

    public StorefrontService(StoreRepository stores, OrderService orders, OrderChecks checks, ChannelStages stages,
            CurrentClient client, ChannelsConfig config) {
        this.stores = stores;
        this.orders = orders;
        this.checks = checks;
        this.stages = stages;
        this.client = client;
        this.box = config.secretEncryptionKey().map(SecretBox::new);
    }

    /** What a webhook call came to: accepted (a new order), duplicate (that order again), replay, ignored. */
    public record Receipt(String status, String orderId) {}

    public Uni<Store> connect(String clientId, String platform, String name, String secret,
            String customerReferenceId) {
        if (Platform.fromWireName(platform).isEmpty()) {
            throw fieldError("platform", "must be shopify or woocommerce");
        }
        if (secret == null || secret.length() < 8 || secret.length() > 500) {
            throw fieldError("secret", "is required: the store's webhook signing secret, 8 to 500 characters");
        }
        if (name != null && name.length() > 200) {
            throw fieldError("name", "must be at most 200 characters");
        }
        if (customerReferenceId != null && customerReferenceId.length() > 255) {
            throw fieldError("customerReferenceId", "must be at most 255 characters");
        }
        SecretBox secrets = box.orElseThrow(() -> new ApiException(503, "Stores cannot be connected: the operator"
                + " has not set channels.secret-encryption-key"));
        byte[] random = new byte[9];
        RANDOM.nextBytes(random);
        String id = "st_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random).replace('-', 'x')
                .replace('_', 'y');
        return stores.create(id, clientId, platform, name, customerReferenceId, secrets.encrypt(secret))
                .map(created -> created.orElseThrow(() -> new ApiException(404, "Client '" + clientId
                        + "' not found")));
    }

    public Uni<List<Store>> list(String clientId) {
        return stores.list(clientId);
    }

    public Uni<Store> find(String clientId, String storeId) {
        return stores.find(clientId, storeId).map(found -> found.orElseThrow(() -> new ApiException(404, "Store '"
                + storeId + "' not found")));
    }

    public Uni<Void> delete(String clientId, String storeId) {
        return stores.delete(clientId, storeId).map(deleted -> {
            if (!deleted) {
                throw new ApiException(404, "Store '" + storeId + "' not found");
            }
            return null;
        });
    }

    public Uni<List<Mapping>> mappings(String clientId, String storeId) {
        return find(clientId, storeId).flatMap(store -> stores.mappings(store.id()));
    }

    public Uni<Integer> putMappings(String clientId, String storeId, List<Mapping> mappings) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            errors.addAll(check(mappings.get(i), "mappings[" + i + "]."));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "Product mappings not saved: " + errors.size() + " problem(s), e.g. "
                    + errors.get(0).field() + " " + errors.get(0).message(), errors, null);
        }
        return find(clientId, storeId).flatMap(store -> stores.upsert(store.id(), mappings));
    }

    /**
     * A bulk import, {@code text/csv} with a header row: productId, variantId (may be empty), productUid, fileUrl,
     * fileType (optional column, default "default"). All rows or none: a bad row refuses the file naming row and field.
     */
    public Uni<Integer> importCsv(String clientId, String storeId, String csv) {
        if (csv == null || csv.isBlank()) {
            throw new ApiException(400, "The CSV is empty: a header row (productId,variantId,productUid,fileUrl"
                    + "[,fileType]) and one row per mapping");
        }
        String[] lines = csv.replace("\r\n", "\n").replace('\r', '\n').split("\n");
        List<String> header = cells(lines[0]).stream().map(String::strip).toList();
        int product = header.indexOf("productId");
        int variant = header.indexOf("variantId");
        int uid = header.indexOf("productUid");
        int url = header.indexOf("fileUrl");
        int type = header.indexOf("fileType");
        if (product < 0 || uid < 0 || url < 0) {
            throw new ApiException(400, "The CSV's header must name the columns productId, productUid and fileUrl"
                    + " (variantId and fileType are optional); it names " + header,
                    List.of(new ApiError.FieldError(
                            "row 1", "invalid_header", "missing productId, productUid or fileUrl")),
                    null);
        }
        List<Mapping> mappings = new ArrayList<>();
        List<ApiError.FieldError> errors = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> row = cells(lines[i]);
            Mapping mapping = new Mapping(cell(row, product), cell(row, variant), cell(row, uid), cell(row, url),
                    type < 0 || cell(row, type).isEmpty() ? "default" : cell(row, type), null);
            errors.addAll(check(mapping, "row " + (i + 1) + "."));
            mappings.add(mapping);
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "The CSV was not imported: " + errors.size() + " problem(s), e.g. "
                    + errors.get(0).field() + " " + errors.get(0).message(), errors, null);
        }
        return find(clientId, storeId).flatMap(store -> stores.upsert(store.id(), mappings));
    }

    public Uni<Void> deleteMapping(String clientId, String storeId, String productId, String variantId) {
        return find(clientId, storeId).flatMap(store -> stores.deleteMapping(store.id(), productId,
                variantId == null ? "" : variantId)).map(deleted -> {
                    if (!deleted) {
                        throw new ApiException(404, "No mapping for product '" + productId + "'"
                                + (variantId == null || variantId.isEmpty() ? "" : " variant '" + variantId + "'"));
                    }
                    return null;
                });
    }

    /** A webhook delivery: checked, de-duplicated, mapped, submitted. */
    public Uni<Receipt> receive(Platform platform, String storeId, byte[] body, String signature, String deliveryId,
            String topic) {
        return stores.find(null, storeId).flatMap(found -> {
            Store store = found.filter(s -> s.platform().equals(platform.wireName()))
                    .orElseThrow(() -> new ApiException(401, "Unknown store or invalid signature"));
            // filed under the store's client in the requests log, refusals included
            client.authenticated(store.clientId(), null);
            String secret = box.orElseThrow(() -> new ApiException(503, "Storefront secrets cannot be read: the"
                    + " operator has not set channels.secret-encryption-key")).decrypt(store.secret());
            if (!WebhookSignatures.valid(secret, body, signature)) {
                LOG.warnf("storefront %s: a %s webhook with a missing or invalid signature was refused (delivery %s)",
                        storeId, platform.wireName(), deliveryId);
                throw new ApiException(401, "Unknown store or invalid signature");
            }
            if (topic != null && !topic.isBlank() && !topic.equals("orders/create") && !topic.equals("order.created")) {
                return Uni.createFrom().item(new Receipt("ignored", null));
            }
            Uni<Optional<Optional<String>>> seen = deliveryId == null || deliveryId.isBlank()
                    ? Uni.createFrom().item(Optional.empty())
                    : stores.delivery(store.id(), deliveryId);
            return seen.flatMap(previous -> previous.isPresent()
                    ? Uni.createFrom().item(new Receipt("replay", previous.get().orElse(null)))
                    : submit(platform, store, body, deliveryId));
        });
    }

    private Uni<Receipt> submit(Platform platform, Store store, byte[] body, String deliveryId) {
        JsonNode payload;
        try {
            payload = EventJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new ApiException(400, "The webhook body is not JSON: " + e.getMessage().split("\n")[0]);
        }
        if (payload == null || !payload.isObject()) {
            throw new ApiException(400, "The webhook body must be a JSON object (the store's order)");
        }
        if (!payload.has("line_items")) {
            // WooCommerce's ping when a webhook is created ({"webhook_id": n}) and other non-order bodies
            return Uni.createFrom().item(new Receipt("ignored", null));
        }
        List<String> productIds = new ArrayList<>(new LinkedHashSet<>(payload.path("line_items").findValuesAsText(
                "product_id")));
        return stores.mappingsFor(store.id(), productIds).flatMap(mappings -> {
            StorefrontOrders.Mapped mapped = StorefrontOrders.map(platform, store.id(), store.customerReferenceId(),
                    payload, (product, variant) -> Optional.ofNullable(mappings.get(product + "/" + variant)));
            if (mapped.order() == null) {
                throw new ChannelException(422, "mapping", "The order was not accepted: " + mapped.notConnected()
                        .size() + " line item(s) not connected, e.g. " + mapped.notConnected().get(0).message(),
                        mapped.notConnected().stream().map(n -> new ChannelException.Problem("mapping", n.field(),
                                "not_connected", n.message(), null)).toList());
            }
            stages.finalOrder(mapped.order().toString());
            Order order;
            try {
                order = EventJson.mapper().treeToValue(mapped.order(), Order.class);
            } catch (JsonProcessingException e) {
                throw new ChannelException(422, "order", "The store's order is not a valid order: "
                        + e.getOriginalMessage(),
                        List.of(new ChannelException.Problem("order", "", "invalid",
                                e.getOriginalMessage(), null)));
            }
            try {
                checks.check(order);
            } catch (ApiException e) {
                ApiError error = e.body();
                throw new ChannelException(422, "order", "The store's order is not a valid order: "
                        + error.message(),
                        error.errors() == null
                                ? List.of()
                                : error.errors().stream()
                                        .map(f -> new ChannelException.Problem("order", f.field(), f.code(),
                                                f.message(), null))
                                        .toList());
            }
            return orders.submit(store.clientId(), order, platform.wireName())
                    .map(accepted -> new Receipt("accepted", accepted.id()))
                    .onFailure(DuplicateOrderException.class)
                    .recoverWithItem(e -> new Receipt("duplicate", ((DuplicateOrderException) e).existingOrderId()));
        }).call(receipt -> deliveryId == null || deliveryId.isBlank()
                ? Uni.createFrom().voidItem()
                : stores.recordDelivery(store.id(), deliveryId, receipt.orderId()));
    }

    private static List<ApiError.FieldError> check(Mapping m, String prefix) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (m.productId() == null || !ID.matcher(m.productId()).matches()) {
            errors.add(new ApiError.FieldError(prefix + "productId", "invalid", "is required: the store's product id"
                    + " (1 to 100 letters, digits, '_', '.' or '-')"));
        }
        if (m.variantId() != null && !m.variantId().isEmpty() && !ID.matcher(m.variantId()).matches()) {
            errors.add(new ApiError.FieldError(prefix + "variantId", "invalid", "must be 1 to 100 letters, digits,"
                    + " '_', '.' or '-', or empty for every variant"));
        }
        if (m.productUid() == null || m.productUid().isBlank() || m.productUid().length() > 255) {
            errors.add(new ApiError.FieldError(prefix + "productUid", "required", "is required (at most 255"
                    + " characters)"));
        }
        if (m.fileUrl() == null || !m.fileUrl().matches("https?://[^\\s]{1,2000}")) {
            errors.add(new ApiError.FieldError(prefix + "fileUrl", "invalid", "must be an http(s) URL of the design"
                    + " file"));
        }
        if (m.fileType() != null && !m.fileType().matches("[A-Za-z0-9_.-]{1,100}")) {
            errors.add(new ApiError.FieldError(prefix + "fileType", "invalid", "must be 1 to 100 letters, digits,"
                    + " '_', '.' or '-'"));
        }
        return errors;
    }

    /** One CSV line's cells: commas separate, double quotes quote (with "" for a quote). */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static String cell(List<String> row, int index) {
        return index < 0 || index >= row.size() ? "" : row.get(index).strip();
    }

    private static ApiException fieldError(String field, String message) {
        return new ApiException(400, field + " " + message, List.of(new ApiError.FieldError(field, "invalid",
                message)), null);
    }
}
