-- A client's own rate limit (requests per second); null means the configured default.
alter table clients add column rate_limit_per_second int check (rate_limit_per_second > 0);
