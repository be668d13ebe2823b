-- The order as intake last sent it (drafts change, shipment updates apply) and its validation attempt: reprocessing
-- starts attempt n+1 with the order as it is now.
alter table orders add column attempt int not null default 1;
alter table orders add column updated_at timestamptz;
update orders set updated_at = created_at;
alter table orders alter column updated_at set not null;
