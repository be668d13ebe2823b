package com.podflow.notification.persistence;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.notification.domain.PostbackUrl;

/** The postback URL of each client ({@code notification.postback_targets}). */
@ApplicationScoped
public class PostbackTargets {
    private final Pool pool;

    public PostbackTargets(Pool pool) {
        this.pool = pool;
    }

    /** Sets (or replaces) a client's URL. */
    public Uni<Void> save(String clientId, PostbackUrl url) {
        return pool.preparedQuery("insert into notification.postback_targets (client_id, url, updated_at)"
                + " values ($1, $2, now())"
                + " on conflict (client_id) do update set url = excluded.url, updated_at = excluded.updated_at")
                .execute(Tuple.of(clientId, url.value()))
                .replaceWithVoid();
    }

    public Uni<Optional<String>> find(String clientId) {
        if (clientId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery("select url from notification.postback_targets where client_id = $1")
                .execute(Tuple.of(clientId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(it.next().getString(0)) : Optional.empty();
                });
    }
}
