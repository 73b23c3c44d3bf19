-- Tables of the sandbox adapters (used only when the sandbox profile is active; harmless otherwise).

-- What the sandbox SMS gateway "sent", keyed by our message id so a re-sent message is stored once.
create table sandbox_sms (
    message_id varchar(100) not null primary key,
    user_id    varchar(64)  not null,
    phone      varchar(32)  not null,
    body       varchar(500) not null,
    sent_at    timestamp with time zone not null
);
create index sandbox_sms_user_idx on sandbox_sms (user_id, sent_at);

-- The sandbox test clock: how far the engine clock has been moved ahead of real time.
create table sandbox_clock (
    id            integer not null primary key,
    offset_millis bigint  not null
);
