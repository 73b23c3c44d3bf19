-- Payment attempts that failed technically (an outside system down): answered 503, no decision, the Idempotency-Key
-- left free for the retry; kept for the payment failure rate ("declined and failed over all").
create table payment_failure (
  id varchar(36) primary key,
  user_id varchar(64) not null,
  scenario varchar(16) not null,
  amount numeric(14,2) not null,
  reason varchar(64) not null,
  detail varchar(500) not null,
  failed_at timestamp with time zone not null
);
create index ix_payment_failure_time on payment_failure (failed_at);
