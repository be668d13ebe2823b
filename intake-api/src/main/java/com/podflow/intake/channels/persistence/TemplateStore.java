package com.podflow.intake.channels.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A client's versioned templates and its connectors (V8). */
@ApplicationScoped
public class TemplateStore {
    private final Pool pool;

    public TemplateStore(Pool pool) {
        this.pool = pool;
    }

    public record StoredTemplate(String name, int version, String body, String samplePayload, Instant createdAt) {}

    /** A template's newest version and when it was saved. */
    public record TemplateSummary(String name, int latestVersion, Instant updatedAt) {}

    public record Connector(String name, String templateName, Integer templateVersion, Instant updatedAt) {}

    /** Saves a new version (1 for a new name); empty when the client does not exist. */
    public Uni<Optional<StoredTemplate>> save(String clientId, String name, String body, String samplePayload) {
        // concurrent saves of one name: the primary key refuses the second, which then answers 409 (try again)
        return pool.preparedQuery("insert into intake.templates (client_id, name, version, body, sample_payload)"
                + " select c.id, $2, coalesce((select max(version) from intake.templates where client_id = $1"
                + " and name = $2), 0) + 1, $3, $4 from intake.clients c where c.id = $1"
                + " returning name, version, body, sample_payload, created_at")
                .execute(Tuple.of(clientId, name, body, samplePayload))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(template(rows.iterator().next())));
    }

    /** One version, or the newest when {@code version} is null. */
    public Uni<Optional<StoredTemplate>> find(String clientId, String name, Integer version) {
        return pool.preparedQuery("select name, version, body, sample_payload, created_at from intake.templates"
                + " where client_id = $1 and name = $2 and ($3::int is null or version = $3)"
                + " order by version desc limit 1")
                .execute(Tuple.of(clientId, name, version))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(template(rows.iterator().next())));
    }

    public Uni<List<TemplateSummary>> list(String clientId) {
        return pool.preparedQuery("select name, max(version) as latest, max(created_at) as updated from"
                + " intake.templates where client_id = $1 group by name order by name")
                .execute(Tuple.of(clientId))
                .map(rows -> {
                    List<TemplateSummary> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new TemplateSummary(row.getString("name"), row.getInteger("latest"),
                                row.getOffsetDateTime("updated").toInstant()));
                    }
                    return list;
                });
    }

    /** Creates or replaces a connector; empty when the client does not exist. */
    public Uni<Optional<Connector>> saveConnector(String clientId, String name, String templateName,
            Integer templateVersion) {
        return pool.preparedQuery("insert into intake.connectors (client_id, name, template_name, template_version)"
                + " select c.id, $2, $3, $4 from intake.clients c where c.id = $1 on conflict (client_id, name) do"
                + " update set template_name = excluded.template_name, template_version = excluded.template_version,"
                + " updated_at = now() returning name, template_name, template_version, updated_at")
                .execute(Tuple.of(clientId, name, templateName, templateVersion))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(connector(rows.iterator().next())));
    }

    public Uni<Optional<Connector>> connector(String clientId, String name) {
        return pool.preparedQuery("select name, template_name, template_version, updated_at from intake.connectors"
                + " where client_id = $1 and name = $2")
                .execute(Tuple.of(clientId, name))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(connector(rows.iterator().next())));
    }

    public Uni<List<Connector>> connectors(String clientId) {
        return pool.preparedQuery("select name, template_name, template_version, updated_at from intake.connectors"
                + " where client_id = $1 order by name")
                .execute(Tuple.of(clientId))
                .map(rows -> {
                    List<Connector> list = new ArrayList<>();
                    rows.forEach(row -> list.add(connector(row)));
                    return list;
                });
    }

    public Uni<Boolean> deleteConnector(String clientId, String name) {
        return pool.preparedQuery("delete from intake.connectors where client_id = $1 and name = $2")
                .execute(Tuple.of(clientId, name))
                .map(rows -> rows.rowCount() > 0);
    }

    private static StoredTemplate template(Row row) {
        return new StoredTemplate(row.getString("name"), row.getInteger("version"), row.getString("body"),
                row.getString("sample_payload"), row.getOffsetDateTime("created_at").toInstant());
    }

    private static Connector connector(Row row) {
        return new Connector(row.getString("name"), row.getString("template_name"),
                row.getInteger("template_version"), row.getOffsetDateTime("updated_at").toInstant());
    }
}
