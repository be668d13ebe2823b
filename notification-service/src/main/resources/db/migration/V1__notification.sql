-- The notification service's schema (Flyway runs this with search_path = notification).

-- Where each client wants its postbacks; set through the admin API.
create table postback_targets (
    client_id   text        primary key,
    url         text        not null,
    updated_at  timestamptz
);

-- One row per OrderStatusChanged this service handled, written after the attempt: the primary key is what keeps a
-- redelivered record from being posted again (a crash between the POST and this insert posts it once more).
create table postback_log (
    event_id          text        primary key,
    client_id         text,
    order_id          text        not null,
    url               text,
    payload           text        not null,
    outcome           text        not null check (outcome in ('delivered', 'failed', 'no_target')),
    status_code       int,
    response_excerpt  text,
    error             text,
    duration_ms       bigint      not null,
    attempted_at      timestamptz not null
);
create index postback_log_client on postback_log (client_id, attempted_at desc);
