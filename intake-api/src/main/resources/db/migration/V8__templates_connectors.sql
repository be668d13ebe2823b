-- Connector templates (ADR 40): a client's named Jinja templates that turn a foreign payload into the native order
-- JSON. Every save is a new version; the sample payload it was checked against is kept with it.
create table templates (
    client_id       text        not null references clients (id),
    name            text        not null,
    version         int         not null,
    body            text        not null,
    sample_payload  text        not null,
    created_at      timestamptz not null default now(),
    primary key (client_id, name, version)
);

-- A connector: POST /v1/connectors/{name}/orders runs the named template (its latest version, or a pinned one) and
-- submits the result with channel = the connector's name.
create table connectors (
    client_id         text        not null references clients (id),
    name              text        not null,
    template_name     text        not null,
    template_version  int,
    updated_at        timestamptz not null default now(),
    primary key (client_id, name)
);

-- The requests log's stages (issue 14 item 5): the template's output where one ran, and the order as submitted.
-- The original payload and the answer are request_body and response_body.
alter table requests add column template_output text;
alter table requests add column final_order text;
