-- Run once by the postgres image on an empty data volume (docker-compose.yml). As in the cluster (ADR 37): one user
-- per service, each owning its own schema only; Flyway (migrate-at-start) fills the schema. Local passwords only.
CREATE ROLE intake_api LOGIN PASSWORD 'intake_api';
CREATE SCHEMA intake AUTHORIZATION intake_api;
CREATE ROLE validation_service LOGIN PASSWORD 'validation_service';
CREATE SCHEMA validation AUTHORIZATION validation_service;
CREATE ROLE order_ledger LOGIN PASSWORD 'order_ledger';
CREATE SCHEMA ledger AUTHORIZATION order_ledger;
CREATE ROLE notification_service LOGIN PASSWORD 'notification_service';
CREATE SCHEMA notification AUTHORIZATION notification_service;
