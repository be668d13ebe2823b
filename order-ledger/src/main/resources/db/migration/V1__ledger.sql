-- The ledger's schema (Flyway runs this with search_path = ledger).

-- Every event the ledger applied, once (the primary key makes consumers idempotent): the order's event log,
-- written in the same transaction as the projection, so replay and the timeline can be rebuilt from it.
create table event_log (
    event_id     text        primary key,
    order_id     text        not null,
    type         text        not null,
    topic        text        not null,
    occurred_at  timestamptz not null,
    recorded_at  timestamptz not null default now(),
    payload      text        not null
);
create index event_log_order on event_log (order_id, recorded_at);

-- The status projection: the folded state of each order (state holds the whole OrderState as JSON).
create table orders (
    order_id            text        primary key,
    client_id           text,
    order_reference_id  text,
    status              text,
    refusal_reason_code text,
    received_at         timestamptz,
    updated_at          timestamptz,
    state               jsonb       not null
);
create index orders_client_reference on orders (client_id, order_reference_id);

-- OrderStatusChanged events waiting for the relay to publish them to orders.status.
create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    record_key  text        not null,
    event_id    text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);
