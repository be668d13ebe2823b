package com.podflow.intake.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.intake.config.IntakeConfig;
import com.podflow.intake.domain.ApiSecrets;

/**
 * Facilities' API keys ({@code X-FACILITY-KEY}), kept apart from the clients' keys: a facility key authenticates only
 * {@code /facility}, a client key never does. Stored and cached as the clients' keys are (salted hash, a cache of
 * {@code intake.api-keys.cache-ttl}); intake keeps no facility register of its own, the facility id is the one the
 * rules validator chooses and the production feed names.
 */
@ApplicationScoped
public class FacilityRepository {
    private static final byte[] DUMMY_SALT = ApiSecrets.salt();

    private final Pool pool;
    private final ApiKeyCache cache;

    public FacilityRepository(Pool pool, IntakeConfig config) {
        this.pool = pool;
        this.cache = new ApiKeyCache(config.apiKeys().cacheTtl(), config.apiKeys().cacheMaxEntries(),
                System::nanoTime);
    }

    /** The facility an {@code X-FACILITY-KEY} authenticates, if any; the secret is checked against its hash each time. */
    public Uni<Optional<String>> authenticate(String keyId, String secret) {
        Optional<ApiKeyCache.StoredKey> cached = cache.get(keyId);
        if (cached.isPresent()) {
            return Uni.createFrom().item(verify(cached.get(), secret));
        }
        ApiKeyCache.Load load = cache.startLoad();
        return pool.preparedQuery("select facility_id, secret_salt, secret_hash from intake.facility_keys"
                + " where key_id = $1 and revoked_at is null")
                .execute(Tuple.of(keyId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        ApiSecrets.hash(DUMMY_SALT, secret); // a wrong key id costs what a wrong secret costs
                        return Optional.empty();
                    }
                    Row row = it.next();
                    var key = new ApiKeyCache.StoredKey(row.getString("facility_id"),
                            row.getBuffer("secret_salt").getBytes(), row.getBuffer("secret_hash").getBytes(), null);
                    cache.put(keyId, key, load);
                    return verify(key, secret);
                });
    }

    private static Optional<String> verify(ApiKeyCache.StoredKey key, String secret) {
        return ApiSecrets.matches(key.salt(), key.hash(), secret) ? Optional.of(key.clientId()) : Optional.empty();
    }

    /** A new key for a facility: {@code key:secret}, shown only this once. */
    public Uni<String> addKey(String facilityId) {
        ApiSecrets.NewKey generated = ApiSecrets.generate();
        ApiSecrets.NewKey key = new ApiSecrets.NewKey("fk_" + generated.keyId().substring(3),
                "fs_" + generated.secret().substring(3));
        byte[] salt = ApiSecrets.salt();
        return pool.preparedQuery("insert into intake.facility_keys (key_id, facility_id, secret_salt, secret_hash)"
                + " values ($1, $2, $3, $4)")
                .execute(Tuple.of(key.keyId(), facilityId, Buffer.buffer(salt),
                        Buffer.buffer(ApiSecrets.hash(salt, key.secret()))))
                .replaceWith(key.header());
    }

    /** A facility key's id (never its secret), with when it was created and revoked. */
    @Schema(name = "FacilityKeyInfo", requiredProperties = {"keyId", "createdAt"})
    public record FacilityKey(String keyId, String createdAt, String revokedAt) {}

    /** The facility's keys, oldest first (empty when it has none). */
    public Uni<List<FacilityKey>> keys(String facilityId) {
        return pool.preparedQuery("select key_id, created_at, revoked_at from intake.facility_keys"
                + " where facility_id = $1 order by created_at, key_id")
                .execute(Tuple.of(facilityId))
                .map(rows -> {
                    var keys = new ArrayList<FacilityKey>();
                    for (Row row : rows) {
                        keys.add(new FacilityKey(row.getString("key_id"),
                                row.getOffsetDateTime("created_at").toInstant().toString(),
                                row.getOffsetDateTime("revoked_at") == null
                                        ? null
                                        : row.getOffsetDateTime("revoked_at").toInstant().toString()));
                    }
                    return keys;
                });
    }

    /** Revokes one of a facility's keys; false if it has no such active key. */
    public Uni<Boolean> revokeKey(String facilityId, String keyId) {
        return pool.preparedQuery("update intake.facility_keys set revoked_at = now() where facility_id = $1"
                + " and key_id = $2 and revoked_at is null")
                .execute(Tuple.of(facilityId, keyId))
                .invoke(() -> cache.invalidate(keyId)) // after the commit: the key stops working at once here
                .map(rows -> rows.rowCount() == 1);
    }
}
