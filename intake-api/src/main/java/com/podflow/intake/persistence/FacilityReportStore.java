package com.podflow.intake.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import com.podflow.events.EventCodec;
import com.podflow.events.EventEnvelope;
import com.podflow.events.ProductionReported;
import com.podflow.events.Topics;
import com.podflow.outbox.OutboxService;

/**
 * Facility reports that arrive over REST, published on {@code orders.production-reports} through intake's outbox.
 * The event id is {@link ProductionReported#eventId derived} from facility and report id, as for a report sent on Kafka
 * without an id: the same report sent over REST and again over Kafka has one id and the ledger applies it once.
 */
@ApplicationScoped
public class FacilityReportStore {
    private final Pool pool;
    private final OutboxService outbox;
    private final String recordSql;

    public FacilityReportStore(Pool pool, OutboxService outbox) {
        this.pool = pool;
        this.outbox = outbox;
        // one statement, one transaction: the (facility, reportId) claim, and the outbox row only if the claim is new
        this.recordSql = "with claim as (insert into intake.facility_reports (facility_id, report_id, order_id,"
                + " event_id) values ($1, $2, $3, $4) on conflict do nothing returning event_id)"
                + " insert into " + outbox.table() + " (topic, record_key, event_id, payload)"
                + " select $5::text, $3::text, event_id, $6::text from claim";
    }

    /**
     * Records the report and answers its event id; a report id the facility sent before is not published again (the
     * first one sent stands) and answers the same id.
     */
    public Uni<String> record(ProductionReported report) {
        String eventId = ProductionReported.eventId(report.facilityId(), report.reportId());
        EventEnvelope envelope = EventEnvelope.withId(eventId, report, "/facility/" + report.facilityId(), null,
                null, null);
        return pool.preparedQuery(recordSql)
                .execute(Tuple.of(report.facilityId(), report.reportId(), report.orderId(), eventId,
                        Topics.ORDERS_PRODUCTION_REPORTS, EventCodec.encode(envelope)))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        outbox.wakeUp();
                    }
                })
                .replaceWith(eventId);
    }
}
