-- Binding from the WeChat wallet (SPEC section 3): WeChat initiates, we answer. The binding keeps WeChat's request id.
alter table binding add column wechat_request_id varchar(64);
-- one binding per WeChat request, however the request reaches us (notification or REST); bindings without one are many
create unique index binding_wechat_request_idx on binding (wechat_request_id);

-- Sandbox WeChat Pay: the binding requests customers start in the wallet (我 → 服务 → 钱包 → 支付管理), and our answer.
-- state PENDING -> GRANTED (binding_id, contract_code set) or REFUSED (refuse_reason).
create table sandbox_wechat_bind_request (
    request_id      varchar(64)  not null primary key,
    user_id         varchar(64)  not null,
    state           varchar(16)  not null,
    binding_id      varchar(64),
    contract_code   varchar(64),
    refuse_reason   varchar(500),
    notification_id varchar(128) not null,
    requested_at    timestamp with time zone not null,
    answered_at     timestamp with time zone
);
create index sandbox_wechat_bind_request_user_idx on sandbox_wechat_bind_request (user_id, requested_at);
