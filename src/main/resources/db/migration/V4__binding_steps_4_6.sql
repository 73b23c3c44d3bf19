-- Binding steps 4-6: WeChat authorization, preferences, face recognition, test payment.
alter table binding add column wechat_contract_code varchar(32);
alter table binding add column wechat_contract_id varchar(64);
alter table binding add column authorization_url varchar(300);
alter table binding add column payment_priority integer;
alter table binding add column per_transaction_cap numeric(12, 2);
alter table binding add column preferences_set_at timestamp with time zone;
alter table binding add column face_attempts integer default 0 not null;
alter table binding add column activated_at timestamp with time zone;
create unique index binding_contract_code_idx on binding (wechat_contract_code);
