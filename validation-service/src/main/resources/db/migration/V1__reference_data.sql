-- validation-service's reference data (Flyway runs this with search_path = validation). Each entry is kept whole as
-- the JSON the admin API takes (data), beside the key it is looked up by: the validators read the whole set at once.

create table products (
    uid         text        primary key,
    data        jsonb       not null,
    updated_at  timestamptz not null default now()
);

create table shipment_methods (
    uid         text        primary key,
    data        jsonb       not null,
    updated_at  timestamptz not null default now()
);

create table facilities (
    id          text        primary key,
    data        jsonb       not null,
    updated_at  timestamptz not null default now()
);

-- A client's own products; name_key and variant_key are the case-insensitive, order-independent forms they are
-- matched by (see CustomerProduct.variantKey).
create table customer_products (
    client_id    text        not null,
    name_key     text        not null,
    variant_key  text        not null,
    data         jsonb       not null,
    updated_at   timestamptz not null default now(),
    primary key (client_id, name_key, variant_key)
);
