-- Issue 11 item 7: replay and rebuild (ReplayService, RebuildStore).

-- The order in which the ledger applied its events. recorded_at is the transaction's time, the same for every event
-- of one batch, so it cannot order them; an identity column can: the live apply inserts a batch in its order, and a
-- later event of the same order waits for the row lock on the projection, so per order log_seq is the fold order.
-- Existing rows are numbered in their physical order (their insertion order, as nothing updates the log).
-- V5 (the timeline) numbered the log already (seq, bigserial, indexed with the order id): one numbering, named here.
alter table event_log rename column seq to log_seq;

-- One rebuild of the projections from the event log: its scope, what it folded, and whether it was swapped in.
create table rebuilds (
    rebuild_id     text        primary key,
    scope          text        not null,
    range_from     timestamptz,
    range_to       timestamptz,
    order_id       text,
    dry_run        boolean     not null,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    orders         integer     not null default 0,
    events         bigint      not null default 0,
    rejected       integer     not null default 0,
    elapsed_ms     bigint      not null default 0,
    swapped_at     timestamptz,
    swapped        integer
);

-- The shadow projection a rebuild folds into: ledger.orders' columns, plus the rebuild and the last event folded
-- (log_seq), so a swap replaces only orders that received no event since the rebuild read their log.
create table orders_rebuild (
    rebuild_id          text        not null references rebuilds on delete cascade,
    order_id            text        not null,
    client_id           text,
    order_reference_id  text,
    status              text,
    refusal_reason_code text,
    received_at         timestamptz,
    updated_at          timestamptz,
    state               jsonb       not null,
    country             text,
    handover_since      timestamptz,
    last_seq            bigint      not null,
    primary key (rebuild_id, order_id)
);

-- Issue 11 item 10: analytics over every client by day of receipt use V5's orders_received index (one client V2's).
