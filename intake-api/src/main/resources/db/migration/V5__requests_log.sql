-- The requests log ("Requests" page): every API call with what was sent and answered, so that a client and support
-- can see exactly what reached the platform. Secrets are redacted before a row is written; rows older than the
-- retention (intake.requests.retention) are deleted.
create table requests (
    id                      text        primary key,
    request_id              text        not null,
    client_id               text,
    key_id                  text,
    method                  text        not null,
    path                    text        not null,
    status                  int         not null,
    duration_ms             int         not null,
    received_at             timestamptz not null,
    order_id                text,
    customer_reference_id   text,
    request_body            text,
    request_body_truncated  boolean     not null default false,
    response_body           text,
    response_body_truncated boolean     not null default false
);
-- a client's newest requests first (the list), by order and by customer; the retention sweep by age
create index requests_client_time on requests (client_id, received_at desc, id desc);
create index requests_client_order on requests (client_id, order_id, received_at desc) where order_id is not null;
create index requests_client_customer on requests (client_id, customer_reference_id, received_at desc)
    where customer_reference_id is not null;
create index requests_time on requests (received_at);
