-- Payment authorizations (issue #5): decided synchronously, one row per attempt, and the per-customer ledger.
-- Portable SQL: runs unchanged on H2 and PostgreSQL.

-- One row per customer: the available Baitiao credit (JD Finance's figure the first time we saw the customer,
-- minus what we approved, plus what was reversed) and the WeChat channel's outstanding exposure. Every decision
-- for a customer locks this row (select ... for update), so limits hold with concurrent payments on any node.
create table payment_ledger (
    user_id                  varchar(64)    not null primary key,
    initial_available_credit numeric(14, 2) not null,
    available_credit         numeric(14, 2) not null,
    wechat_exposure          numeric(14, 2) not null,
    created_at               timestamp with time zone not null,
    updated_at               timestamp with time zone not null
);

-- Every authorization attempt, approved or not, with its risk evaluation (the layers that ran, JSON) and its
-- Idempotency-Key per API client. beijing_day is the Asia/Shanghai calendar day of created_at (the daily limits).
create table payment_authorization (
    id                 varchar(36)    not null primary key,
    client_id          varchar(64)    not null,
    idem_key           varchar(255)   not null,
    request_hash       varchar(64)    not null,
    user_id            varchar(64)    not null,
    binding_id         varchar(36),
    scenario           varchar(16)    not null,
    amount             numeric(14, 2) not null,
    payee_type         varchar(16)    not null,
    payee_id           varchar(64)    not null,
    purpose            varchar(64),
    city               varchar(64)    not null,
    occurred_at        timestamp with time zone not null,
    created_at         timestamp with time zone not null,
    beijing_day        date           not null,
    decision           varchar(20)    not null,
    reason_codes       varchar(500),
    risk_outcome       varchar(16)    not null,
    risk_layers        varchar(4000)  not null,
    step_up_expires_at timestamp with time zone,
    face_attempts      integer        default 0 not null,
    decided_at         timestamp with time zone,
    reversed_at        timestamp with time zone,
    constraint uq_payment_authorization_key unique (client_id, idem_key)
);
create index payment_authorization_user_idx on payment_authorization (user_id, created_at);
create index payment_authorization_step_up_idx on payment_authorization (decision, step_up_expires_at);
create index payment_authorization_created_idx on payment_authorization (created_at);
