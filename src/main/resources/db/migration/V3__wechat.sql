-- WeChat Pay: the notifications we received (inbox) and the nonces of their signatures; the sandbox WeChat Pay.
-- Portable SQL: runs unchanged on H2 and PostgreSQL.

-- Every Wechatpay-Nonce of an accepted notification, so that no signed request is accepted twice, on any node.
-- signed_at is the request's Wechatpay-Timestamp: once it is older than the ±5 minute window, the request would be
-- refused as stale anyway, so the row may be deleted.
create table wechat_nonce (
    nonce       varchar(128) not null primary key,
    signed_at   timestamp with time zone not null,
    received_at timestamp with time zone not null
);
create index wechat_nonce_signed_idx on wechat_nonce (signed_at);

-- The inbox: one row per WeChat notification id (duplicates are stored once), processed after the endpoint answered.
-- state PENDING (due at next_attempt_at) -> PROCESSING (claimed by the node holding claim_token until next_attempt_at)
-- -> PROCESSED, or back to PENDING after a failed attempt, or FAILED after the last attempt (last_error says why).
create table wechat_notification (
    id              varchar(128)  not null primary key,
    event_type      varchar(64)   not null,
    resource_type   varchar(64),
    summary         varchar(500),
    create_time     varchar(64),
    resource_json   varchar(16000) not null,
    received_at     timestamp with time zone not null,
    state           varchar(16)   not null,
    attempts        integer       not null,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(2000),
    claim_token     varchar(36),
    processed_at    timestamp with time zone
);
create index wechat_notification_due_idx on wechat_notification (state, next_attempt_at);

-- Sandbox WeChat Pay (used only when the sandbox profile is active): the authorizations (contracts) ...
create table sandbox_wechat_contract (
    contract_code   varchar(64)  not null primary key,
    binding_id      varchar(64)  not null,
    user_id         varchar(64)  not null,
    state           varchar(16)  not null,
    contract_id     varchar(64),
    priority        integer,
    notification_id varchar(128),
    requested_at    timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    terminated_at   timestamp with time zone,
    terminate_reason varchar(500)
);
create index sandbox_wechat_contract_binding_idx on sandbox_wechat_contract (binding_id);

-- ... and the payments made with them, with their refund.
create table sandbox_wechat_payment (
    out_trade_no   varchar(64)  not null primary key,
    contract_code  varchar(64)  not null,
    amount_fen     bigint       not null,
    description    varchar(255),
    state          varchar(16)  not null,
    failure_reason varchar(255),
    transaction_id varchar(64),
    refunded_fen   bigint       not null,
    out_refund_no  varchar(64),
    created_at     timestamp with time zone not null,
    refunded_at    timestamp with time zone
);
create index sandbox_wechat_payment_contract_idx on sandbox_wechat_payment (contract_code);
