package com.podflow.intake.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.intake.config.IntakeConfig;
import com.podflow.intake.domain.ApiSecrets;

/** Clients and their API keys. */
@ApplicationScoped
public class ClientRepository {
    /** Hashed when a key id is unknown, so that a wrong key id costs as much time as a wrong secret. */
    private static final byte[] DUMMY_SALT = ApiSecrets.salt();

    private final Pool pool;
    private final ApiKeyCache cache;

    public ClientRepository(Pool pool, IntakeConfig config) {
        this.pool = pool;
        this.cache = new ApiKeyCache(config.apiKeys().cacheTtl(), config.apiKeys().cacheMaxEntries(),
                System::nanoTime);
    }

    /** A client an API key authenticated, with its own rate limit (null: the default). */
    public record AuthenticatedClient(String id, Integer rateLimitPerSecond) {}

    /**
     * The client an {@code X-API-KEY} value authenticates, if any. The key's row comes from a cache of a few seconds
     * ({@code intake.api-keys.cache-ttl}); the secret is checked against its hash every time.
     */
    public Uni<Optional<AuthenticatedClient>> authenticate(String keyId, String secret) {
        Optional<ApiKeyCache.StoredKey> cached = cache.get(keyId);
        if (cached.isPresent()) {
            return Uni.createFrom().item(verify(cached.get(), secret));
        }
        ApiKeyCache.Load load = cache.startLoad();
        return pool.preparedQuery("select k.client_id, k.secret_salt, k.secret_hash, c.rate_limit_per_second"
                + " from intake.api_keys k join intake.clients c on c.id = k.client_id"
                + " where k.key_id = $1 and k.revoked_at is null")
                .execute(Tuple.of(keyId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        ApiSecrets.hash(DUMMY_SALT, secret);
                        return Optional.empty();
                    }
                    Row row = it.next();
                    var key = new ApiKeyCache.StoredKey(row.getString("client_id"),
                            row.getBuffer("secret_salt").getBytes(), row.getBuffer("secret_hash").getBytes(),
                            row.getInteger("rate_limit_per_second"));
                    cache.put(keyId, key, load);
                    return verify(key, secret);
                });
    }

    private static Optional<AuthenticatedClient> verify(ApiKeyCache.StoredKey key, String secret) {
        return ApiSecrets.matches(key.salt(), key.hash(), secret)
                ? Optional.of(new AuthenticatedClient(key.clientId(), key.rateLimitPerSecond()))
                : Optional.empty();
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

    /** A new API key for an existing client (rotation: the old keys stay valid until revoked); empty if no client. */
    public Uni<Optional<String>> addKey(String clientId) {
        ApiSecrets.NewKey key = ApiSecrets.generate();
        return pool.withTransaction(conn -> conn
                .preparedQuery("select id from intake.clients where id = $1")
                .execute(Tuple.of(clientId))
                .flatMap(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().item(Optional.<String>empty())
                        : insertKey(conn, clientId, key).replaceWith(Optional.of(key.header()))));
    }

    public Uni<Boolean> exists(String clientId) {
        return pool.preparedQuery("select 1 from intake.clients where id = $1").execute(Tuple.of(clientId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Revokes one of a client's keys; false if the client has no such active key. */
    public Uni<Boolean> revokeKey(String clientId, String keyId) {
        return pool.preparedQuery("update intake.api_keys set revoked_at = now() where client_id = $1 and key_id = $2"
                + " and revoked_at is null")
                .execute(Tuple.of(clientId, keyId))
                .invoke(() -> cache.invalidate(keyId)) // after the commit: the key stops working at once here
                .map(rows -> rows.rowCount() == 1);
    }

    /** The ids (never the secrets) of a client's keys, with when they were created and revoked. */
    public record KeyInfo(String keyId, String createdAt, String revokedAt) {}

    public Uni<Optional<List<KeyInfo>>> keys(String clientId) {
        return pool.preparedQuery("select c.id, k.key_id, k.created_at, k.revoked_at from intake.clients c"
                + " left join intake.api_keys k on k.client_id = c.id where c.id = $1 order by k.created_at")
                .execute(Tuple.of(clientId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    var keys = new ArrayList<KeyInfo>();
                    for (Row row : rows) {
                        if (row.getString("key_id") != null) {
                            keys.add(new KeyInfo(row.getString("key_id"), row.getOffsetDateTime("created_at")
                                    .toInstant().toString(),
                                    row.getOffsetDateTime("revoked_at") == null
                                            ? null
                                            : row.getOffsetDateTime("revoked_at").toInstant().toString()));
                        }
                    }
                    return Optional.of(keys);
                });
    }

    /** Sets (or with null, resets to the default) a client's rate limit; false if there is no such client. */
    public Uni<Boolean> setRateLimit(String clientId, Integer perSecond) {
        return pool.preparedQuery("update intake.clients set rate_limit_per_second = $2 where id = $1")
                .execute(Tuple.of(clientId, perSecond))
                .invoke(() -> cache.invalidateClient(clientId))
                .map(rows -> rows.rowCount() == 1);
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
                                buffer(ApiSecrets.hash(salt, key.secret()))))))
                .invoke(() -> cache.invalidate(key.keyId())) // after the commit
                .replaceWithVoid();
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
