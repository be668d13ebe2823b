package com.podflow.ledger.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

import com.podflow.ledger.config.LedgerConfig;
import com.podflow.ledger.domain.OrderFold;
import com.podflow.ledger.domain.OrderState;
import com.podflow.ledger.domain.WaitingFor;
import com.podflow.ledger.persistence.DeadLetterStore;
import com.podflow.ledger.persistence.LedgerRepository;
import com.podflow.ledger.support.Timeline;
import com.podflow.ledger.support.TimelineService;
import com.podflow.support.api.ApiException;

/**
 * Read side for operators (intake-api's {@code /admin/v1/orders}, behind its admin key): orders of every client, not
 * scoped by a client as {@link OrderResource} is, and an order's timeline.
 */
@Path("/internal/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
public class AdminOrderResource {
    private final LedgerRepository repository;
    private final TimelineService timelines;
    private final DeadLetterStore deadLetters;
    private final OrderFold fold;

    public AdminOrderResource(LedgerRepository repository, TimelineService timelines, DeadLetterStore deadLetters,
            LedgerConfig config) {
        this.repository = repository;
        this.timelines = timelines;
        this.deadLetters = deadLetters;
        this.fold = new OrderFold(config.requiredValidators());
    }

    /** By order id; by reference only with {@code clientId} (references are unique per client only). */
    @GET
    @Path("/{idOrReference}")
    public Uni<OrderView> get(@PathParam("idOrReference") String idOrReference,
            @QueryParam("clientId") String clientId) {
        return repository.findAny(idOrReference, blankToNull(clientId))
                .map(found -> found.orElseThrow(() -> new ApiException(404, "Order '"
                        + idOrReference + "' not found" + (clientId == null || clientId.isBlank()
                                ? " (to find an order by its reference, name its clientId)"
                                : ""))))
                .flatMap(state -> deadLetters.parked(state.orderId())
                        .map(parked -> OrderView.from(state, waitingFor(state, parked, fold, Instant.now()))));
    }

    /**
     * What the fold still expects, and before that every record of the order a consumer parked on a dead-letter
     * topic: until it is replayed or resolved, the order waits on it (issue 11 item 8).
     */
    static List<WaitingFor.Input> waitingFor(OrderState state, List<DeadLetterStore.DeadLetter> parked, OrderFold fold,
            Instant now) {
        List<WaitingFor.Input> inputs = new ArrayList<>();
        for (DeadLetterStore.DeadLetter letter : parked) {
            inputs.add(new WaitingFor.Input("dead_letter", letter.consumerGroup(), null,
                    "record " + letter.sourceTopic() + "-" + letter.sourcePartition() + "@" + letter.sourceOffset()
                            + " parked on " + letter.dlqTopic() + " by " + letter.consumerGroup() + " (dead letter "
                            + letter.id() + "): " + letter.reason(),
                    letter.receivedAt(), Math.max(0, Duration.between(letter.receivedAt(), now).toSeconds())));
        }
        inputs.addAll(WaitingFor.of(state, fold, now));
        return inputs;
    }

    /** As the client-scoped search, across clients; {@code clientId} narrows it to one. */
    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, List<OrderResource.OrderSummary>>> search(@QueryParam("clientId") String clientId,
            OrderResource.SearchRequest request) {
        return OrderResource.search(repository, blankToNull(clientId), request);
    }

    /** Every event the ledger recorded for the order and every dead-letter record for it, in order (ADR 32). */
    @GET
    @Path("/{id}/timeline")
    public Uni<Timeline> timeline(@PathParam("id") String id) {
        return timelines.of(id).map(found -> found.orElseThrow(() -> new ApiException(404, "Order '" + id
                + "' not found")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
