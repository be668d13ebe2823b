-- Connected storefronts (ADR 40): a Shopify or WooCommerce store whose order webhooks a client receives. The shared
-- signing secret is kept encrypted (AES-256-GCM, intake.secret-encryption-key): checking a signature needs it.
create table stores (
    id                     text        primary key,
    client_id              text        not null references clients (id),
    platform               text        not null check (platform in ('shopify', 'woocommerce')),
    name                   text,
    customer_reference_id  text,
    secret                 text        not null,
    created_at             timestamptz not null default now()
);
create index stores_client on stores (client_id);

-- Store product (and variant; '' = any variant) -> the productUid and design file to print.
create table store_products (
    store_id     text        not null references stores (id) on delete cascade,
    product_id   text        not null,
    variant_id   text        not null default '',
    product_uid  text        not null,
    file_url     text        not null,
    file_type    text        not null default 'default',
    updated_at   timestamptz not null default now(),
    primary key (store_id, product_id, variant_id)
);

-- Webhook deliveries taken (X-Shopify-Webhook-Id / X-WC-Webhook-Delivery-ID): a replay is answered 200 and ignored.
create table store_deliveries (
    store_id     text        not null references stores (id) on delete cascade,
    delivery_id  text        not null,
    order_id     text,
    received_at  timestamptz not null default now(),
    primary key (store_id, delivery_id)
);
