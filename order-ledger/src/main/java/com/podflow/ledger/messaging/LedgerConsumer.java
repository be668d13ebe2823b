package com.podflow.ledger.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import com.podflow.events.EventDecodingException;
import com.podflow.events.ProductionReported;
import com.podflow.events.Topics;
import com.podflow.ledger.config.LedgerConfig;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.persistence.LedgerRepository;
import com.podflow.outbox.OutboxService;
import com.podflow.support.messaging.BatchConsumer;
import com.podflow.support.messaging.BatchConsumer.Received;
import com.podflow.support.messaging.BatchConsumer.Rejected;

/**
 * Feeds the intake, validation and production-report topics into the fold, a poll at a time: each batch is applied in one transaction
 * (see {@link LedgerRepository#apply}) and acknowledged once it committed. The shared plumbing
 * ({@link BatchConsumer}) parks unreadable records and events the fold refuses on the channel's dead-letter topic and
 * retries a database outage, since the records are good.
 */
@ApplicationScoped
public class LedgerConsumer {
    private final LedgerRepository repository;
    private final OutboxService outbox;
    private final OrderFold fold;
    private final BatchConsumer intake = new BatchConsumer(Topics.ORDERS_INTAKE, "order-ledger.intake");
    private final BatchConsumer validation = new BatchConsumer(Topics.ORDERS_VALIDATION, "order-ledger.validation");
    private final BatchConsumer reports = new BatchConsumer(Topics.ORDERS_PRODUCTION_REPORTS,
            "order-ledger.production-reports");

    public LedgerConsumer(LedgerRepository repository, OutboxService outbox, LedgerConfig config) {
        this.repository = repository;
        this.outbox = outbox;
        this.fold = new OrderFold(config.requiredValidators());
    }

    @Incoming("intake")
    public Uni<Void> onIntake(KafkaRecordBatch<String, String> batch) {
        return intake.consume(batch, records -> apply(records, Topics.ORDERS_INTAKE));
    }

    @Incoming("validation")
    public Uni<Void> onValidation(KafkaRecordBatch<String, String> batch) {
        return validation.consume(batch, records -> apply(records, Topics.ORDERS_VALIDATION));
    }

    /** Facilities' reports; anything else on that topic is refused (one writer per topic: the facilities). */
    @Incoming("production-reports")
    public Uni<Void> onProductionReports(KafkaRecordBatch<String, String> batch) {
        return reports.consume(batch, records -> {
            List<Rejected> refused = new ArrayList<>();
            List<Received> accepted = new ArrayList<>();
            for (Received record : records) {
                if (record.envelope().data() instanceof ProductionReported) {
                    accepted.add(record);
                } else {
                    refused.add(new Rejected(record, new EventDecodingException("event " + record.envelope().id()
                            + " of type " + record.envelope().type().wireName() + " does not belong on "
                            + Topics.ORDERS_PRODUCTION_REPORTS)));
                }
            }
            if (accepted.isEmpty()) {
                return Uni.createFrom().item(refused);
            }
            return apply(accepted, Topics.ORDERS_PRODUCTION_REPORTS).map(rejected -> {
                List<Rejected> all = new ArrayList<>(refused);
                all.addAll(rejected);
                return all;
            });
        });
    }

    private Uni<List<Rejected>> apply(List<Received> records,
            String topic) {
        return repository.apply(records, topic, fold).map(applied -> {
            if (applied.changes() > 0) {
                outbox.wakeUp();
            }
            return applied.rejected();
        });
    }
}
