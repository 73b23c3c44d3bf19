-- The sandbox WeChat Pay's notifications on their way (used only when the sandbox profile is active): written when an
-- event happens, delivered by the node that wrote it right away, or by any node after that node died (its claim ran
-- out), and deleted once delivered.
create table sandbox_wechat_delivery (
    notification_id varchar(128) not null primary key,
    body            varchar(16000) not null,
    copies          integer      not null,
    delay_millis    bigint       not null,
    state           varchar(16)  not null,
    claimed_until   timestamp with time zone,
    created_at      timestamp with time zone not null
);
