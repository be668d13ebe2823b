package com.podflow.intake.channels.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.intake.channels.domain.StorefrontOrders.ProductMapping;

/** Connected storefronts, their product mappings and the webhook deliveries taken (V9). */
@ApplicationScoped
public class StoreRepository {
    private static final String COLUMNS = "id, client_id, platform, name, customer_reference_id, secret, created_at";

    private final Pool pool;

    public StoreRepository(Pool pool) {
        this.pool = pool;
    }

    /** A store; {@code secret} is the encrypted form. */
    public record Store(String id, String clientId, String platform, String name, String customerReferenceId,
            String secret, Instant createdAt) {}

    public record Mapping(String productId, String variantId, String productUid, String fileUrl, String fileType,
            Instant updatedAt) {}

    /** Empty when the client does not exist. */
    public Uni<Optional<Store>> create(String id, String clientId, String platform, String name,
            String customerReferenceId, String encryptedSecret) {
        return pool.preparedQuery("insert into intake.stores (" + COLUMNS.replace(", created_at", "") + ")"
                + " select $1, c.id, $3, $4, $5, $6 from intake.clients c where c.id = $2 returning " + COLUMNS)
                .execute(Tuple.from(new Object[]{id, clientId, platform, name, customerReferenceId, encryptedSecret}))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(store(rows.iterator().next())));
    }

    /** A store by id; {@code clientId} null: any client's (the webhook, which only knows the store). */
    public Uni<Optional<Store>> find(String clientId, String id) {
        return pool.preparedQuery("select " + COLUMNS + " from intake.stores where id = $1"
                + " and ($2::text is null or client_id = $2)")
                .execute(Tuple.of(id, clientId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(store(rows.iterator().next())));
    }

    public Uni<List<Store>> list(String clientId) {
        return pool.preparedQuery("select " + COLUMNS + " from intake.stores where client_id = $1"
                + " order by created_at, id")
                .execute(Tuple.of(clientId))
                .map(rows -> {
                    List<Store> stores = new ArrayList<>();
                    rows.forEach(row -> stores.add(store(row)));
                    return stores;
                });
    }

    public Uni<Boolean> delete(String clientId, String id) {
        return pool.preparedQuery("delete from intake.stores where id = $1 and client_id = $2")
                .execute(Tuple.of(id, clientId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Creates or replaces mappings, all in one statement (a bulk import is all or nothing). */
    public Uni<Integer> upsert(String storeId, List<Mapping> mappings) {
        if (mappings.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> connection.preparedQuery("insert into intake.store_products"
                + " (store_id, product_id, variant_id, product_uid, file_url, file_type) values ($1, $2, $3, $4, $5,"
                + " $6) on conflict (store_id, product_id, variant_id) do update set product_uid ="
                + " excluded.product_uid, file_url = excluded.file_url, file_type = excluded.file_type,"
                + " updated_at = now()")
                .executeBatch(mappings.stream().map(m -> Tuple.from(new Object[]{storeId, m.productId(),
                        m.variantId(), m.productUid(), m.fileUrl(), m.fileType()})).toList()))
                .replaceWith(mappings.size());
    }

    public Uni<List<Mapping>> mappings(String storeId) {
        return pool.preparedQuery("select product_id, variant_id, product_uid, file_url, file_type, updated_at from"
                + " intake.store_products where store_id = $1 order by product_id, variant_id")
                .execute(Tuple.of(storeId))
                .map(rows -> {
                    List<Mapping> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new Mapping(row.getString("product_id"), row.getString("variant_id"),
                                row.getString("product_uid"), row.getString("file_url"), row.getString("file_type"),
                                row.getOffsetDateTime("updated_at").toInstant()));
                    }
                    return list;
                });
    }

    /** The store's mappings for these products, keyed by "productId/variantId" ('' = any variant). */
    public Uni<Map<String, ProductMapping>> mappingsFor(String storeId, List<String> productIds) {
        return pool.preparedQuery("select product_id, variant_id, product_uid, file_url, file_type from"
                + " intake.store_products where store_id = $1 and product_id = any($2)")
                .execute(Tuple.of(storeId, productIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, ProductMapping> map = new HashMap<>();
                    for (Row row : rows) {
                        map.put(row.getString("product_id") + "/" + row.getString("variant_id"), new ProductMapping(
                                row.getString("product_uid"), row.getString("file_url"), row.getString("file_type")));
                    }
                    return map;
                });
    }

    public Uni<Boolean> deleteMapping(String storeId, String productId, String variantId) {
        return pool.preparedQuery("delete from intake.store_products where store_id = $1 and product_id = $2"
                + " and variant_id = $3")
                .execute(Tuple.of(storeId, productId, variantId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The order a delivery created, if this delivery was taken before (then the replay is ignored). */
    public Uni<Optional<Optional<String>>> delivery(String storeId, String deliveryId) {
        return pool.preparedQuery("select order_id from intake.store_deliveries where store_id = $1"
                + " and delivery_id = $2")
                .execute(Tuple.of(storeId, deliveryId))
                .map(rows -> rows.rowCount() == 0
                        ? Optional.empty()
                        : Optional.of(Optional.ofNullable(rows.iterator().next().getString("order_id"))));
    }

    public Uni<Void> recordDelivery(String storeId, String deliveryId, String orderId) {
        return pool.preparedQuery("insert into intake.store_deliveries (store_id, delivery_id, order_id)"
                + " values ($1, $2, $3) on conflict do nothing")
                .execute(Tuple.of(storeId, deliveryId, orderId))
                .replaceWithVoid();
    }

    private static Store store(Row row) {
        return new Store(row.getString("id"), row.getString("client_id"), row.getString("platform"),
                row.getString("name"), row.getString("customer_reference_id"), row.getString("secret"),
                row.getOffsetDateTime("created_at").toInstant());
    }
}
