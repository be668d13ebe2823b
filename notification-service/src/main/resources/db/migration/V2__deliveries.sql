-- Durable deliveries (issue 5): every postback, webhook call and e-mail is a row here before the Kafka offset of its
-- status change is committed, and stays "pending" until it is delivered or given up.

-- Where a client's messages go: its one postback URL and any number of webhook endpoints.
create table endpoints (
    id                     uuid        primary key,
    client_id              text        not null,
    kind                   text        not null check (kind in ('postback', 'webhook')),
    url                    text        not null,
    event_types            text[]      not null default '{}',  -- webhooks: the types sent; postbacks get every change
    secret                 text,                               -- webhooks: signing secret, AES-GCM encrypted
    previous_secret        text,                               -- the secret before a rotation, encrypted ...
    previous_secret_until  timestamptz,                        -- ... and until when it still signs
    enabled                boolean     not null default true,
    disabled_reason        text,
    disabled_at            timestamptz,
    failing_since          timestamptz,                        -- first failure after the last success
    contact_email          text,                               -- told when the endpoint is disabled
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now()
);
create unique index endpoints_one_postback on endpoints (client_id) where kind = 'postback';
create index endpoints_client on endpoints (client_id);

insert into endpoints (id, client_id, kind, url, updated_at)
select gen_random_uuid(), client_id, 'postback', url, coalesce(updated_at, now()) from postback_targets;
drop table postback_targets;

-- Which statuses send an e-mail, and to whom.
create table email_settings (
    client_id       text        primary key,
    statuses        text[]      not null,
    client_address  text,
    to_recipient    boolean     not null,
    updated_at      timestamptz not null
);

-- The consumer's memory: an OrderStatusChanged is fanned out once, in the same transaction as its deliveries.
create table handled_events (
    event_id    text        primary key,
    handled_at  timestamptz not null default now()
);
insert into handled_events (event_id, handled_at) select event_id, attempted_at from postback_log;

create table deliveries (
    id               bigserial   primary key,
    client_id        text        not null,
    channel          text        not null check (channel in ('postback', 'webhook', 'email')),
    endpoint_id      uuid        references endpoints (id) on delete set null,
    recipient        text,                 -- e-mail address
    lane             text        not null, -- order is kept per (lane, order_id): the endpoint id or 'email:' || address
    order_id         text        not null,
    order_sequence   bigint      not null,
    event_id         text        not null, -- the OrderStatusChanged event id
    message_id       text        not null, -- webhook-id: the same on every attempt and redelivery
    event_type       text        not null,
    payload          text        not null, -- the exact JSON posted, or the e-mail's text
    subject          text,
    state            text        not null check (state in ('pending', 'delivered', 'failed', 'no_target')),
    attempts         int         not null default 0,  -- attempts since it was (re)scheduled
    next_attempt_at  timestamptz,
    lease_owner      text,
    lease_until      timestamptz,
    last_status_code int,
    last_error       text,
    created_at       timestamptz not null default now(),
    completed_at     timestamptz,
    unique (lane, message_id)
);
create index deliveries_due on deliveries (next_attempt_at) where state = 'pending';
create index deliveries_lane on deliveries (lane, order_id, order_sequence, id) where state = 'pending';
create index deliveries_leased on deliveries (lane) where state = 'pending' and lease_until is not null;
create index deliveries_client on deliveries (client_id, created_at desc);

create table delivery_attempts (
    id                bigserial   primary key,
    delivery_id       bigint      not null references deliveries (id),
    attempt           int         not null,
    target            text,
    outcome           text        not null check (outcome in ('delivered', 'failed')),
    status_code       int,
    response_excerpt  text,
    error             text,
    duration_ms       bigint      not null,
    attempted_at      timestamptz not null,
    next_retry_at     timestamptz
);
create index delivery_attempts_delivery on delivery_attempts (delivery_id, attempt);
create index delivery_attempts_time on delivery_attempts (attempted_at);
