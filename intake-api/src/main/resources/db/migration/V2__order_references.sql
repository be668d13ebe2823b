-- The duplicate check of preventDuplicate: the first order with a reference claims it (per client). The primary key
-- settles concurrent submissions: the second insert waits for the first transaction and then finds the claim.
create table order_references (
    client_id           text        not null references clients (id),
    order_reference_id  text        not null,
    order_id            text        not null references orders (id) deferrable initially deferred,
    primary key (client_id, order_reference_id)
);

-- existing orders: the oldest one per reference holds it
insert into order_references (client_id, order_reference_id, order_id)
select distinct on (client_id, order_reference_id) client_id, order_reference_id, id
from orders
where order_reference_id is not null
order by client_id, order_reference_id, created_at;
