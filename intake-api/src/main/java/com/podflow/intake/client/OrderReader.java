package com.podflow.intake.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.podflow.events.EventJson;
import com.podflow.events.FulfillmentStatus;
import com.podflow.intake.persistence.OrderStore;
import com.podflow.support.api.ApiException;

/**
 * Answers "get order" from the ledger's projection. An order accepted a moment ago that the ledger has not folded yet
 * is answered from intake's own record as {@code received}, so a client can read its order right after submitting it.
 */
@ApplicationScoped
public class OrderReader {
    private static final Logger LOG = Logger.getLogger(OrderReader.class);

    private final LedgerClient ledger;
    private final OrderStore store;

    public OrderReader(@RestClient LedgerClient ledger, OrderStore store) {
        this.ledger = ledger;
        this.store = store;
    }

    public Uni<Optional<JsonNode>> find(String clientId, String idOrReference) {
        return ledger.find(clientId, idOrReference)
                .map(Optional::of)
                .onFailure(WebApplicationException.class)
                .recoverWithUni(e -> {
                    if (((WebApplicationException) e).getResponse().getStatus() != 404) {
                        return Uni.createFrom().failure(unavailable(e));
                    }
                    return store.find(clientId, idOrReference).map(local -> local.map(OrderReader::accepted));
                })
                .onFailure(f -> !(f instanceof ApiException))
                .transform(OrderReader::unavailable);
    }

    /** A search over the client's orders, answered by the ledger; {@code {"orders": [...]}}. */
    public Uni<JsonNode> search(String clientId, JsonNode query) {
        return ledger.search(clientId, query)
                .onFailure(f -> !(f instanceof ApiException))
                .transform(OrderReader::unavailable);
    }

    private static ApiException unavailable(Throwable cause) {
        LOG.warnf("order-ledger did not answer: %s", cause.toString());
        return new ApiException(503, "Order status is temporarily unavailable; please retry in a few seconds");
    }

    private static JsonNode accepted(OrderStore.StoredOrder stored) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("id", stored.id());
        json.put("clientId", stored.clientId());
        FulfillmentStatus status = stored.stillDraft() ? FulfillmentStatus.DRAFT : FulfillmentStatus.RECEIVED;
        json.put("fulfillmentStatus", status.wireName());
        json.put("channel", stored.channel());
        json.setAll((ObjectNode) EventJson.mapper().valueToTree(stored.order()));
        json.put("createdAt", stored.createdAt().toString());
        json.put("attempt", stored.attempt());
        json.set("statusHistory", EventJson.mapper().valueToTree(List.of(Map.of("status", status.wireName(), "at",
                stored.createdAt().toString(), "cause", "accepted; the ledger has not reported yet"))));
        return json;
    }
}
