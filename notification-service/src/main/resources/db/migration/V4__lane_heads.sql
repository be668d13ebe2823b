-- Issue 12: the claim's cost follows what it claims, not the backlog. Only the head of each (lane, order) -- its
-- pending row of lowest (order_sequence, id) -- may be sent; until now the claim found the heads by checking, for every
-- due row it read, that no earlier row of its order was pending on its lane, and under a deep backlog of multi-status
-- orders it read (and rejected) most of the backlog for every claim. Now every transaction that adds or finishes a
-- pending row recomputes the heads of the (lane, order) pairs it touched, under a per-pair advisory lock, and marks
-- them "ready": the claim reads only ready rows, lane by lane, along deliveries_ready, at most its per-lane room in
-- each lane (ADR 19).
alter table deliveries add column ready boolean not null default false;

update deliveries d set ready = true
where d.state = 'pending'
  and not exists (select 1 from deliveries p where p.lane = d.lane and p.order_id = d.order_id and p.state = 'pending'
                  and (p.order_sequence < d.order_sequence or (p.order_sequence = d.order_sequence and p.id < d.id)));

create index deliveries_ready on deliveries (lane, next_attempt_at, id) where state = 'pending' and ready;
-- the claim no longer reads due rows in time order over all lanes
drop index deliveries_due;
