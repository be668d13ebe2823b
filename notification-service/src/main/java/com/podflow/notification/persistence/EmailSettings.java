package com.podflow.notification.persistence;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.notification.domain.DeliveryPlan.EmailRule;

/** Each client's e-mail rule ({@code notification.email_settings}). */
@ApplicationScoped
public class EmailSettings {
    private final Pool pool;

    public EmailSettings(Pool pool) {
        this.pool = pool;
    }

    public Uni<EmailRule> save(String clientId, EmailRule rule) {
        return pool.preparedQuery("insert into notification.email_settings (client_id, statuses, client_address,"
                + " to_recipient, updated_at) values ($1, $2, $3, $4, now()) on conflict (client_id) do update set"
                + " statuses = excluded.statuses, client_address = excluded.client_address,"
                + " to_recipient = excluded.to_recipient, updated_at = excluded.updated_at")
                .execute(Tuple.from(Arrays.asList(clientId, rule.statuses().toArray(String[]::new),
                        rule.clientAddress(), rule.toRecipient())))
                .replaceWith(rule);
    }

    public Uni<Optional<EmailRule>> find(String clientId) {
        return pool.preparedQuery("select statuses, client_address, to_recipient from notification.email_settings"
                + " where client_id = $1").execute(Tuple.of(clientId))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(rule(rows.iterator().next()))
                        : Optional.<EmailRule>empty());
    }

    /** The rules of several clients, by client id (clients without one are absent). */
    public Uni<Map<String, EmailRule>> find(SqlClient client, Collection<String> clientIds) {
        return client.preparedQuery("select client_id, statuses, client_address, to_recipient"
                + " from notification.email_settings where client_id = any($1::text[])")
                .execute(Tuple.of((Object) clientIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, EmailRule> rules = new HashMap<>();
                    for (Row row : rows) {
                        rules.put(row.getString("client_id"), rule(row));
                    }
                    return rules;
                });
    }

    private static EmailRule rule(Row row) {
        return new EmailRule(Set.copyOf(Arrays.asList(row.getArrayOfStrings("statuses"))),
                row.getString("client_address"), row.getBoolean("to_recipient"));
    }

    public Uni<Boolean> delete(String clientId) {
        return pool.preparedQuery("delete from notification.email_settings where client_id = $1")
                .execute(Tuple.of(clientId)).map(r -> r.rowCount() == 1);
    }
}
