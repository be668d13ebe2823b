package com.podflow.intake.filedrop;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.intake.domain.ApiSecrets;
import com.podflow.support.api.ApiException;

/** SFTP passwords of the file drop, stored as API key secrets are: a salt and a SHA-256 (V10). */
@ApplicationScoped
public class FileDropCredentials {
    static final int MIN_PASSWORD = 12;
    private final Pool pool;

    public FileDropCredentials(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> set(String clientId, String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            throw new ApiException(400, "password must be " + MIN_PASSWORD + " to 200 characters");
        }
        byte[] salt = ApiSecrets.salt();
        return pool.preparedQuery("insert into intake.filedrop_credentials (client_id, password_salt, password_hash)"
                + " select id, $2, $3 from intake.clients where id = $1 on conflict (client_id) do update set"
                + " password_salt = excluded.password_salt, password_hash = excluded.password_hash, updated_at = now()")
                .execute(Tuple.of(clientId, Buffer.buffer(salt), Buffer.buffer(ApiSecrets.hash(salt, password))))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new ApiException(404, "Client '" + clientId + "' not found");
                    }
                    return null;
                });
    }

    /** Blocking: for the SFTP server's own threads. */
    boolean matches(String clientId, String password) {
        if (clientId == null || password == null) {
            return false;
        }
        RowSet<Row> rows = pool.preparedQuery("select password_salt, password_hash from intake.filedrop_credentials"
                + " where client_id = $1").execute(Tuple.of(clientId)).await().atMost(Duration.ofSeconds(10));
        if (rows.size() == 0) {
            return false;
        }
        Row row = rows.iterator().next();
        return ApiSecrets.matches(row.getBuffer("password_salt").getBytes(), row.getBuffer("password_hash").getBytes(),
                password);
    }
}
