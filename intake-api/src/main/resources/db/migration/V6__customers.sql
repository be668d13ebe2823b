-- A client's customers (the shops or end customers a platform or broker orders for). An order names its customer by
-- customerReferenceId; a registered customer's id and reference are added to the order's metadata
-- (tenant-customer-id, tenant-customer-uid), as the API reference shows.
create table customers (
    id                     text        primary key,
    client_id              text        not null references clients (id),
    customer_reference_id  text        not null,
    name                   text,
    email                  text,
    created_at             timestamptz not null default now(),
    unique (client_id, customer_reference_id)
);
