-- Issue 12: the claim walks the lanes that have pending rows (a skip scan: one index probe per lane) and takes, per
-- lane, only the rows it may send -- its cap minus what is in flight -- in (next_attempt_at, id) order, so the cost of a
-- claim follows what it claims, not the backlog. The previous claim read every due row, checking each one's head of
-- line, before it sorted and capped them (25-40 ms for 2 000 pending rows on one endpoint, an idle machine).
drop index deliveries_due;
create index deliveries_lane_due on deliveries (lane, next_attempt_at, id) where state = 'pending';
