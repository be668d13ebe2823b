package com.podflow.ledger.api;

import java.time.Instant;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.podflow.ledger.replay.KafkaReplayer;
import com.podflow.ledger.replay.ReplayScope;
import com.podflow.ledger.replay.ReplayService;

/**
 * Support tools for operators (intake-api proxies them under /admin/v1, behind the admin key): rebuilds of the
 * projection from the event log, what-ifs with another configuration, replays from Kafka (time travel:
 * {@link OrderStatesResource}). Blocking: each method runs on a worker thread.
 */
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {
    private final ReplayService replay;
    private final KafkaReplayer kafka;

    public ReplayResource(ReplayService replay, KafkaReplayer kafka) {
        this.replay = replay;
        this.kafka = kafka;
    }

    /** A rebuild's scope: {@code scope} all (default), range ({@code from}, {@code to}) or order ({@code orderId}). */
    public record RebuildRequest(String scope, Instant from, Instant to, String orderId, Boolean dryRun) {}

    @POST
    @Path("/rebuilds")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReplayService.RebuildReport rebuild(RebuildRequest request) {
        RebuildRequest r = request == null ? new RebuildRequest(null, null, null, null, null) : request;
        return replay.rebuild(ReplayScope.of(r.scope(), r.from(), r.to(), r.orderId()),
                Boolean.TRUE.equals(r.dryRun()));
    }

    @GET
    @Path("/rebuilds/{id}")
    public ReplayService.RebuildReport rebuild(@PathParam("id") String id) {
        return replay.report(id);
    }

    @POST
    @Path("/rebuilds/{id}/swap")
    public ReplayService.RebuildReport swap(@PathParam("id") String id) {
        return replay.swap(id);
    }

    /** A what-if: another set of required validators, over a scope as for a rebuild. */
    public record WhatIfRequest(Set<String> requiredValidators, String scope, Instant from, Instant to,
            String orderId) {}

    @POST
    @Path("/what-if")
    @Consumes(MediaType.APPLICATION_JSON)
    public ReplayService.WhatIfReport whatIf(WhatIfRequest request) {
        WhatIfRequest r = request == null ? new WhatIfRequest(null, null, null, null, null) : request;
        return replay.whatIf(r.requiredValidators(), ReplayScope.of(r.scope(), r.from(), r.to(), r.orderId()));
    }

    /** A replay from Kafka: one topic, all partitions or one, from an offset (with a partition) or from a time. */
    public record ReplayRequest(String topic, Integer partition, Long fromOffset, Instant fromTime) {}

    @POST
    @Path("/replays")
    @Consumes(MediaType.APPLICATION_JSON)
    public KafkaReplayer.ReplayReport replay(ReplayRequest request) {
        ReplayRequest r = request == null ? new ReplayRequest(null, null, null, null) : request;
        return kafka.replay(r.topic(), r.partition(), r.fromOffset(), r.fromTime());
    }
}
