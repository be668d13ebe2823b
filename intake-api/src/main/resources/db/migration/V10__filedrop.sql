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

-- SFTP logins of the file drop: user name = client id; only a salted SHA-256 of the password (as for API keys).
create table filedrop_credentials (
    client_id      text        primary key references clients (id),
    password_salt  bytea       not null,
    password_hash  bytea       not null,
    updated_at     timestamptz not null default now()
);
