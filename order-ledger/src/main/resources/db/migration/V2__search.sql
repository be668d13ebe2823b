-- Search (POST /v1/orders:search): the shipping country as a column, and indexes for the client's newest-first
-- listing with or without a status filter. Stable order: received_at desc, then order_id.
alter table orders add column country text;
update orders set country = state -> 'order' -> 'shippingAddress' ->> 'country';
create index orders_client_received on orders (client_id, received_at desc, order_id desc);
create index orders_client_status_received on orders (client_id, status, received_at desc, order_id desc);
