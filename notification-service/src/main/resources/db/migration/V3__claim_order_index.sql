-- Issue 12: a status change's deliveries are now scheduled by the batch, in one statement, so many rows share one
-- next_attempt_at (now() of their transaction). The claim reads due rows in (next_attempt_at, id) order: with id in the
-- index it reads them in that order and stops at its limit, instead of sorting every row that ties on the time.
drop index deliveries_due;
create index deliveries_due on deliveries (next_attempt_at, id) where state = 'pending';
