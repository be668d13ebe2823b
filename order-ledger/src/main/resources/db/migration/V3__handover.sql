-- Issue 10: the created orders that wait for their facility's receipt, for the handover check
-- (LedgerRepository.flagOverdueHandovers). Set while the order is created, unconfirmed and not yet flagged.
alter table orders add column handover_since timestamptz;
create index orders_handover_since on orders (handover_since) where handover_since is not null;
