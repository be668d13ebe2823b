-- Issue 11 item 4: stalled orders (StalledRepository). stalled_key is the status and attempt ("received/1") the stall
-- check announced for the order; it stops matching on its own when the order moves on, so the next status can stall
-- again, each stint once. stalled_at: when that stall was announced.
alter table orders add column stalled_key text;
alter table orders add column stalled_at timestamptz;
-- the check scans the orders in a status that can stall (final statuses and drafts never do)
create index orders_open_status on orders (status)
    where status in ('received', 'created', 'in_production', 'printed', 'packaged', 'shipped', 'in_transit');
