-- The file drop (ADR 42): a file in <filedrop.dir>/<clientId>/inbox is processed by the replica that inserts its claim
-- first (insert ... on conflict do nothing). A file of the same name dropped again with another size or mtime is a new
-- file.
create table filedrop_claims (
    client_id   text        not null references clients (id),
    file_name   text        not null,
    size        bigint      not null,
    mtime_ms    bigint      not null,
    claimed_at  timestamptz not null default now(),
    accepted    integer,
    failed      integer,
    primary key (client_id, file_name, size, mtime_ms)
);
