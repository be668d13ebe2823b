-- Issue 11 (support): where each event was read, for the timeline, and the dead-letter records of every *.dlq topic.

-- The record each applied event came from (null for rows written before V5 and for the ledger's own timer events),
-- its producer (the CloudEvents source) and the order in which the ledger recorded the events (recorded_at is the
-- transaction's time, shared by a whole batch).
alter table event_log add column kafka_partition int;
alter table event_log add column kafka_offset bigint;
alter table event_log add column producer text;
alter table event_log add column seq bigserial;
create index event_log_order_seq on event_log (order_id, seq);

-- Operators' search across clients, newest first.
create index orders_received on orders (received_at desc, order_id desc);

-- Every record read from a dead-letter topic (DeadLetterReader), once per dead-letter topic position.
-- status: parked (new), replayed (re-published to source_topic), resolved (closed by an operator).
create table dead_letters (
    id               bigserial   primary key,
    dlq_topic        text        not null,
    dlq_partition    int         not null,
    dlq_offset       bigint      not null,
    source_topic     text,
    source_partition int,
    source_offset    bigint,
    consumer_group   text,
    order_id         text,
    reason           text,
    cause            text,
    exception_class  text,
    headers          jsonb       not null,
    payload          text,
    received_at      timestamptz not null default now(),
    status           text        not null default 'parked',
    replay_count     int         not null default 0,
    replayed_at      timestamptz,
    resolved_at      timestamptz,
    unique (dlq_topic, dlq_partition, dlq_offset)
);
create index dead_letters_order on dead_letters (order_id);
create index dead_letters_received on dead_letters (received_at desc, id desc);
