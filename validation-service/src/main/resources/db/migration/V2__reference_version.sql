-- One counter that every change to the reference data moves on, in the writing transaction itself (statement
-- triggers), whoever writes: the admin API of any replica, the files loaded at startup, an operator's SQL. Replicas
-- compare it with the version of the snapshot they validate with, and reload the snapshot when it moved; a snapshot
-- read in one transaction with the counter holds exactly the tables' state at that version.

create table reference_version (
    id       boolean primary key default true check (id),
    version  bigint  not null
);

insert into reference_version (version) values (0);

-- Qualified names: the trigger runs with the writing session's search_path, not Flyway's.
create function bump_reference_version() returns trigger language plpgsql as $$
begin
    update validation.reference_version set version = version + 1;
    return null;
end
$$;

create trigger products_changed after insert or update or delete or truncate on products
    for each statement execute function validation.bump_reference_version();
create trigger shipment_methods_changed after insert or update or delete or truncate on shipment_methods
    for each statement execute function validation.bump_reference_version();
create trigger facilities_changed after insert or update or delete or truncate on facilities
    for each statement execute function validation.bump_reference_version();
create trigger customer_products_changed after insert or update or delete or truncate on customer_products
    for each statement execute function validation.bump_reference_version();
