package com.podflow.intake.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.support.api.ApiException;

/** A client's customers; a reference names at most one customer per client. */
@ApplicationScoped
public class CustomerRepository {
    private static final String COLUMNS = "id, client_id, customer_reference_id, name, email, created_at";

    private final Pool pool;

    public CustomerRepository(Pool pool) {
        this.pool = pool;
    }

    public record Customer(String id, String clientId, String customerReferenceId, String name, String email,
            Instant createdAt) {}

    /**
     * Registers a customer; 404 when the client does not exist, 409 (with the existing customer's id) when the client
     * already has a customer with this reference.
     */
    public Uni<Customer> create(String clientId, String reference, String name, String email) {
        String id = UUID.randomUUID().toString();
        return pool.preparedQuery("insert into intake.customers (id, client_id, customer_reference_id, name, email)"
                + " select $1, c.id, $3, $4, $5 from intake.clients c where c.id = $2"
                + " on conflict (client_id, customer_reference_id) do nothing returning " + COLUMNS)
                .execute(Tuple.of(id, clientId, reference, name, email))
                .flatMap(rows -> rows.rowCount() == 1
                        ? Uni.createFrom().item(customer(rows.iterator().next()))
                        : find(clientId, reference).map(existing -> {
                            throw existing.map(c -> new ApiException(409, "Customer '" + reference
                                    + "' already exists (id " + c.id() + ")"))
                                    .orElseGet(() -> new ApiException(404, "Client '" + clientId + "' not found"));
                        }));
    }

    /** A client's customer by id or by reference. */
    public Uni<Optional<Customer>> find(String clientId, String idOrReference) {
        return pool.preparedQuery("select " + COLUMNS + " from intake.customers where client_id = $1"
                + " and (id = $2 or customer_reference_id = $2) order by (id = $2) desc limit 1")
                .execute(Tuple.of(clientId, idOrReference))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(customer(rows.iterator().next())));
    }

    /** A client's customers, oldest first; empty when the client does not exist. */
    public Uni<List<Customer>> list(String clientId, int limit, int offset) {
        return pool.preparedQuery("select " + COLUMNS + " from intake.customers where client_id = $1"
                + " order by created_at, id limit $2 offset $3")
                .execute(Tuple.of(clientId, limit, offset))
                .map(CustomerRepository::customers);
    }

    private static List<Customer> customers(RowSet<Row> rows) {
        List<Customer> customers = new ArrayList<>();
        rows.forEach(row -> customers.add(customer(row)));
        return customers;
    }

    private static Customer customer(Row row) {
        return new Customer(row.getString("id"), row.getString("client_id"), row.getString("customer_reference_id"),
                row.getString("name"), row.getString("email"), row.getOffsetDateTime("created_at").toInstant());
    }
}
