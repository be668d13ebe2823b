-- intake-api's schema (Flyway runs this with search_path = intake).

create table clients (
    id          text        primary key,
    name        text        not null,
    created_at  timestamptz not null default now()
);

-- API keys: X-API-KEY is "key_id:secret"; only a salted SHA-256 of the secret is stored. A client may hold several
-- active keys so that keys can be rotated.
create table api_keys (
    key_id       text        primary key,
    client_id    text        not null references clients (id),
    secret_salt  bytea       not null,
    secret_hash  bytea       not null,
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz
);
create index api_keys_client on api_keys (client_id);

-- Every accepted order, durable before the API answers; the outbox row in the same transaction announces it.
create table orders (
    id                  text        primary key,
    client_id           text        not null references clients (id),
    order_reference_id  text,
    order_type          text,
    channel             text        not null,
    payload             text        not null,
    created_at          timestamptz not null
);
create index orders_client_reference on orders (client_id, order_reference_id);

create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    record_key  text        not null,
    event_id    text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);
