package com.podflow.notification.persistence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.notification.domain.DeliveryPlan;

/** Postback URLs and webhook endpoints ({@code notification.endpoints}); secrets are stored encrypted. */
@ApplicationScoped
public class Endpoints {
    static final String COLUMNS = "id, client_id, kind, url, event_types, secret, previous_secret,"
            + " previous_secret_until, enabled, disabled_reason, disabled_at, failing_since, contact_email, created_at";

    private final Pool pool;

    public Endpoints(Pool pool) {
        this.pool = pool;
    }

    /** One endpoint row; secrets still encrypted. */
    public record Endpoint(UUID id, String clientId, String kind, String url, List<String> eventTypes,
            String secret, String previousSecret, Instant previousSecretUntil, boolean enabled,
            String disabledReason, Instant disabledAt, Instant failingSince, String contactEmail, Instant createdAt) {}

    /** Sets or replaces a client's postback URL (re-enabling it). */
    public Uni<Endpoint> savePostback(String clientId, String url, String contactEmail) {
        return pool.preparedQuery("insert into notification.endpoints (id, client_id, kind, url, contact_email)"
                + " values ($1, $2, 'postback', $3, $4) on conflict (client_id) where kind = 'postback' do update set"
                + " url = excluded.url, contact_email = excluded.contact_email, enabled = true,"
                + " disabled_reason = null, disabled_at = null, failing_since = null, updated_at = now()"
                + " returning " + COLUMNS)
                .execute(Tuple.of(UUID.randomUUID(), clientId, url, contactEmail))
                .map(rows -> endpoint(rows.iterator().next()));
    }

    public Uni<Optional<Endpoint>> postback(String clientId) {
        return one("select " + COLUMNS + " from notification.endpoints where client_id = $1 and kind = 'postback'",
                Tuple.of(clientId));
    }

    public Uni<Boolean> deletePostback(String clientId) {
        return pool.preparedQuery("delete from notification.endpoints where client_id = $1 and kind = 'postback'")
                .execute(Tuple.of(clientId)).map(r -> r.rowCount() == 1);
    }

    public Uni<Endpoint> createWebhook(String clientId, String url, List<String> eventTypes, String encryptedSecret,
            boolean enabled, String contactEmail) {
        return pool.preparedQuery("insert into notification.endpoints (id, client_id, kind, url, event_types, secret,"
                + " enabled, contact_email) values ($1, $2, 'webhook', $3, $4, $5, $6, $7) returning " + COLUMNS)
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), clientId, url, eventTypes.toArray(String[]::new),
                        encryptedSecret, enabled, contactEmail)))
                .map(rows -> endpoint(rows.iterator().next()));
    }

    public Uni<List<Endpoint>> webhooks(String clientId) {
        return many("select " + COLUMNS + " from notification.endpoints where client_id = $1 and kind = 'webhook'"
                + " order by created_at, id", Tuple.of(clientId));
    }

    /** A client's webhook; empty for another client's id too. */
    public Uni<Optional<Endpoint>> webhook(String clientId, UUID id) {
        return one("select " + COLUMNS + " from notification.endpoints where id = $1 and client_id = $2"
                + " and kind = 'webhook'", Tuple.of(id, clientId));
    }

    public Uni<Optional<Endpoint>> find(UUID id) {
        return one("select " + COLUMNS + " from notification.endpoints where id = $1", Tuple.of(id));
    }

    /** Replaces url, types, enabled and contact; enabling clears a disabled endpoint's failure state. */
    public Uni<Optional<Endpoint>> updateWebhook(String clientId, UUID id, String url, List<String> eventTypes,
            boolean enabled, String contactEmail) {
        return one("update notification.endpoints set url = $3, event_types = $4, contact_email = $6,"
                + " failing_since = case when $5 and not enabled then null else failing_since end,"
                + " disabled_reason = case when $5 then null else coalesce(disabled_reason, 'disabled by its owner') end,"
                + " disabled_at = case when $5 then null else coalesce(disabled_at, now()) end,"
                + " enabled = $5, updated_at = now()"
                + " where id = $1 and client_id = $2 and kind = 'webhook' returning " + COLUMNS,
                Tuple.from(Arrays.asList(id, clientId, url, eventTypes.toArray(String[]::new), enabled,
                        contactEmail)));
    }

    public Uni<Boolean> deleteWebhook(String clientId, UUID id) {
        return pool.preparedQuery("delete from notification.endpoints where id = $1 and client_id = $2"
                + " and kind = 'webhook'").execute(Tuple.of(id, clientId)).map(r -> r.rowCount() == 1);
    }

    /** Makes {@code encryptedSecret} the signing secret; the current one keeps signing until {@code overlapUntil}. */
    public Uni<Optional<Endpoint>> rotateSecret(String clientId, UUID id, String encryptedSecret,
            Instant overlapUntil) {
        return one("update notification.endpoints set previous_secret = secret, previous_secret_until = $4,"
                + " secret = $3, updated_at = now() where id = $1 and client_id = $2 and kind = 'webhook'"
                + " returning " + COLUMNS,
                Tuple.of(id, clientId, encryptedSecret, overlapUntil.atOffset(ZoneOffset.UTC)));
    }

    /** The postback URLs and webhooks of several clients, as the delivery plan needs them, by client id. */
    public Uni<Map<String, List<DeliveryPlan.Target>>> targets(SqlClient client, Collection<String> clientIds) {
        return client.preparedQuery("select client_id, id, kind, event_types, enabled from notification.endpoints"
                + " where client_id = any($1::text[]) order by client_id, created_at, id")
                .execute(Tuple.of((Object) clientIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<DeliveryPlan.Target>> targets = new HashMap<>();
                    for (Row row : rows) {
                        targets.computeIfAbsent(row.getString("client_id"), c -> new ArrayList<>())
                                .add(new DeliveryPlan.Target(row.getUUID("id"), row.getString("kind"),
                                        Set.copyOf(Arrays.asList(row.getArrayOfStrings("event_types"))),
                                        row.getBoolean("enabled")));
                    }
                    return targets;
                });
    }

    private Uni<Optional<Endpoint>> one(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? Optional.of(endpoint(it.next())) : Optional.empty();
        });
    }

    private Uni<List<Endpoint>> many(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(Endpoints::endpoints);
    }

    static List<Endpoint> endpoints(RowSet<Row> rows) {
        List<Endpoint> list = new ArrayList<>();
        for (Row row : rows) {
            list.add(endpoint(row));
        }
        return list;
    }

    static Endpoint endpoint(Row row) {
        return endpoint(row, "");
    }

    /** The endpoint in columns named {@code prefix + column} (see {@link #aliased}). */
    static Endpoint endpoint(Row row, String prefix) {
        return new Endpoint(row.getUUID(prefix + "id"), row.getString(prefix + "client_id"),
                row.getString(prefix + "kind"), row.getString(prefix + "url"),
                List.of(row.getArrayOfStrings(prefix + "event_types")), row.getString(prefix + "secret"),
                row.getString(prefix + "previous_secret"), instant(row, prefix + "previous_secret_until"),
                row.getBoolean(prefix + "enabled"), row.getString(prefix + "disabled_reason"),
                instant(row, prefix + "disabled_at"), instant(row, prefix + "failing_since"),
                row.getString(prefix + "contact_email"), instant(row, prefix + "created_at"));
    }

    /** The select list of {@link #COLUMNS} of table alias {@code table}, each named {@code prefix + column}. */
    static String aliased(String table, String prefix) {
        return String.join(", ", Arrays.stream(COLUMNS.split(",\\s*"))
                .map(c -> table + "." + c + " as " + prefix + c).toList());
    }

    static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
