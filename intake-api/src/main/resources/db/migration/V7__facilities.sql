-- Facility API keys (X-FACILITY-KEY: "key_id:secret", only a salted SHA-256 of the secret stored, as for clients).
-- A separate table from api_keys: a facility key authenticates only /facility, a client key never does.
create table facility_keys (
    key_id       text        primary key,
    facility_id  text        not null,
    secret_salt  bytea       not null,
    secret_hash  bytea       not null,
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz
);
create index facility_keys_facility on facility_keys (facility_id);

-- Reports received over REST, one row per (facility, reportId): a repeat writes no second outbox row.
create table facility_reports (
    facility_id  text        not null,
    report_id    text        not null,
    order_id     text        not null,
    event_id     text        not null,
    received_at  timestamptz not null default now(),
    primary key (facility_id, report_id)
);
