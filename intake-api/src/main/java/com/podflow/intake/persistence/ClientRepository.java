package com.podflow.intake.persistence;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.intake.domain.ApiSecrets;

/** Clients and their API keys. */
@ApplicationScoped
public class ClientRepository {
    /** Hashed when a key id is unknown, so that a wrong key id costs as much time as a wrong secret. */
    private static final byte[] DUMMY_SALT = ApiSecrets.salt();

    private final Pool pool;

    public ClientRepository(Pool pool) {
        this.pool = pool;
    }

    /** The client id an {@code X-API-KEY} value authenticates, if any. */
    public Uni<Optional<String>> authenticate(String keyId, String secret) {
        return pool.preparedQuery("select client_id, secret_salt, secret_hash from intake.api_keys"
                + " where key_id = $1 and revoked_at is null")
                .execute(Tuple.of(keyId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        ApiSecrets.hash(DUMMY_SALT, secret);
                        return Optional.empty();
                    }
                    Row row = it.next();
                    byte[] salt = row.getBuffer("secret_salt").getBytes();
                    byte[] hash = row.getBuffer("secret_hash").getBytes();
                    return ApiSecrets.matches(salt, hash, secret)
                            ? Optional.of(row.getString("client_id"))
                            : Optional.empty();
                });
    }

    /** A new client with its first API key. */
    public record CreatedClient(String id, String name, String apiKey) {}

    public Uni<CreatedClient> create(String name) {
        String id = UUID.randomUUID().toString();
        ApiSecrets.NewKey key = ApiSecrets.generate();
        return pool.withTransaction(conn -> conn
                .preparedQuery("insert into intake.clients (id, name) values ($1, $2)")
                .execute(Tuple.of(id, name))
                .flatMap(x -> insertKey(conn, id, key)))
                .map(x -> new CreatedClient(id, name, key.header()));
    }

    /** Creates the client if missing and sets the key's secret (so a changed development secret takes effect). */
    public Uni<Void> upsert(String clientId, String name, ApiSecrets.NewKey key) {
        byte[] salt = ApiSecrets.salt();
        return pool.withTransaction(conn -> conn
                .preparedQuery("insert into intake.clients (id, name) values ($1, $2) on conflict (id) do nothing")
                .execute(Tuple.of(clientId, name))
                .flatMap(x -> conn.preparedQuery("insert into intake.api_keys (key_id, client_id, secret_salt,"
                        + " secret_hash) values ($1, $2, $3, $4) on conflict (key_id) do update set"
                        + " client_id = excluded.client_id, secret_salt = excluded.secret_salt,"
                        + " secret_hash = excluded.secret_hash, revoked_at = null")
                        .execute(Tuple.of(key.keyId(), clientId, buffer(salt),
                                buffer(ApiSecrets.hash(salt, key.secret())))))
                .replaceWithVoid());
    }

    private static Uni<Void> insertKey(SqlConnection conn, String clientId,
            ApiSecrets.NewKey key) {
        byte[] salt = ApiSecrets.salt();
        return conn.preparedQuery("insert into intake.api_keys (key_id, client_id, secret_salt, secret_hash)"
                + " values ($1, $2, $3, $4)")
                .execute(Tuple.of(key.keyId(), clientId, buffer(salt), buffer(ApiSecrets.hash(salt, key.secret()))))
                .replaceWithVoid();
    }

    private static Buffer buffer(byte[] bytes) {
        return Buffer.buffer(bytes);
    }
}
