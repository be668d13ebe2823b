package com.podflow.validation.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.podflow.validation.domain.CustomerProduct;
import com.podflow.validation.domain.Facility;
import com.podflow.validation.domain.Product;
import com.podflow.validation.domain.ReferenceData;
import com.podflow.validation.domain.ShipmentMethod;

/**
 * The reference data in schema {@code validation}: products, customer products, shipment methods and facilities,
 * each stored whole as JSON beside its key. Writes are upserts, so loading the same files twice changes nothing.
 */
@ApplicationScoped
public class ReferenceRepository {
    private final Pool pool;
    private final ObjectMapper json;

    public ReferenceRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** The reference data at one version: what the validators decide with. */
    public record Versioned(long version, ReferenceData data) {}

    /**
     * Everything, with the version it is at, read in one repeatable-read transaction: the four tables and the counter
     * come from one database snapshot, so the validators decide with a consistent set and its version names it.
     */
    public Uni<Versioned> snapshot() {
        return pool.withTransaction(conn -> conn.query("set transaction isolation level repeatable read, read only")
                .execute()
                .flatMap(ignored -> conn.query("select version from validation.reference_version").execute())
                .flatMap(version -> conn.query("select data::text from validation.products").execute()
                        .flatMap(products -> conn.query("select data::text from validation.customer_products")
                                .execute()
                                .flatMap(customers -> conn.query("select data::text from validation.shipment_methods")
                                        .execute()
                                        .flatMap(methods -> conn.query("select data::text from validation.facilities")
                                                .execute()
                                                .map(facilities -> new Versioned(version(version),
                                                        ReferenceData.of(read(products, Product.class),
                                                                read(customers, CustomerProduct.class),
                                                                read(methods, ShipmentMethod.class),
                                                                read(facilities, Facility.class)))))))));
    }

    /** The version the reference data is at now; every committed change to it moved it on. */
    public Uni<Long> version() {
        return pool.query("select version from validation.reference_version").execute()
                .map(ReferenceRepository::version);
    }

    private static long version(RowSet<Row> rows) {
        return rows.iterator().next().getLong(0);
    }

    public Uni<List<Product>> products() {
        return all("products", "uid", Product.class);
    }

    public Uni<Optional<Product>> product(String uid) {
        return one("products", "uid", uid, Product.class);
    }

    public Uni<Void> save(SqlClient client, Product product) {
        return upsert(client, "products", "uid", product.uid(), product);
    }

    public Uni<Boolean> deleteProduct(String uid) {
        return delete("products", "uid", uid);
    }

    public Uni<List<ShipmentMethod>> shipmentMethods() {
        return all("shipment_methods", "uid", ShipmentMethod.class);
    }

    public Uni<Optional<ShipmentMethod>> shipmentMethod(String uid) {
        return one("shipment_methods", "uid", uid, ShipmentMethod.class);
    }

    public Uni<Void> save(SqlClient client, ShipmentMethod method) {
        return upsert(client, "shipment_methods", "uid", method.uid(), method);
    }

    public Uni<Boolean> deleteShipmentMethod(String uid) {
        return delete("shipment_methods", "uid", uid);
    }

    public Uni<List<Facility>> facilities() {
        return all("facilities", "id", Facility.class);
    }

    public Uni<Optional<Facility>> facility(String id) {
        return one("facilities", "id", id, Facility.class);
    }

    public Uni<Void> save(SqlClient client, Facility facility) {
        return upsert(client, "facilities", "id", facility.id(), facility);
    }

    public Uni<Boolean> deleteFacility(String id) {
        return delete("facilities", "id", id);
    }

    /** A client's customer products. */
    public Uni<List<CustomerProduct>> customerProducts(String clientId) {
        return pool.preparedQuery("select data::text from validation.customer_products where client_id = $1"
                + " order by name_key, variant_key").execute(Tuple.of(clientId))
                .map(rows -> read(rows, CustomerProduct.class));
    }

    public Uni<Void> save(SqlClient client, CustomerProduct product) {
        return client.preparedQuery("insert into validation.customer_products (client_id, name_key, variant_key, data)"
                + " values ($1, $2, $3, $4::text::jsonb) on conflict (client_id, name_key, variant_key)"
                + " do update set data = excluded.data, updated_at = now()")
                .execute(Tuple.of(product.clientId(), product.nameKey(), product.variantKey(), write(product)))
                .replaceWithVoid();
    }

    public Uni<Boolean> deleteCustomerProduct(CustomerProduct key) {
        return pool.preparedQuery("delete from validation.customer_products where client_id = $1 and name_key = $2"
                + " and variant_key = $3").execute(Tuple.of(key.clientId(), key.nameKey(), key.variantKey()))
                .map(rows -> rows.rowCount() > 0);
    }

    public Pool pool() {
        return pool;
    }

    private <T> Uni<List<T>> all(String table, String key, Class<T> type) {
        return pool.query("select data::text from validation." + table + " order by " + key).execute()
                .map(rows -> read(rows, type));
    }

    private <T> Uni<Optional<T>> one(String table, String key, String value, Class<T> type) {
        return pool.preparedQuery("select data::text from validation." + table + " where " + key + " = $1")
                .execute(Tuple.of(value)).map(rows -> read(rows, type).stream().findFirst());
    }

    private Uni<Void> upsert(SqlClient client, String table, String key, String value, Object data) {
        return client.preparedQuery("insert into validation." + table + " (" + key + ", data) values ($1,"
                + " $2::text::jsonb) on conflict (" + key + ") do update set data = excluded.data, updated_at = now()")
                .execute(Tuple.of(value, write(data))).replaceWithVoid();
    }

    private Uni<Boolean> delete(String table, String key, String value) {
        return pool.preparedQuery("delete from validation." + table + " where " + key + " = $1")
                .execute(Tuple.of(value)).map(rows -> rows.rowCount() > 0);
    }

    private <T> List<T> read(RowSet<Row> rows, Class<T> type) {
        List<T> values = new ArrayList<>();
        for (Row row : rows) {
            try {
                values.add(json.readValue(row.getString(0), type));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable " + type.getSimpleName() + " in the database", e);
            }
        }
        return values;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
