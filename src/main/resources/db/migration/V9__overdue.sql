-- Overdue amounts reported by JD Finance, their daily penalty and their repayment (issue 6, processes/Overdue.bpmn).
-- Portable SQL: runs unchanged on H2 and PostgreSQL. Amounts in yuan to the fen.

-- One overdue case: an amount due on due_date on a channel, not repaid (one process instance, business key = id).
-- state: OPEN, SETTLED (principal and penalty repaid). (client_id, idem_key): the reporting API client's
-- Idempotency-Key, so a report sent twice is one case; request_hash tells a reused key with another body.
create table overdue_case (
  id varchar(36) primary key,
  user_id varchar(64) not null,
  channel varchar(16) not null,
  due_date date not null,
  amount_due numeric(14,2) not null,
  state varchar(16) not null,
  reported_at timestamp with time zone not null,
  settled_at timestamp with time zone,
  client_id varchar(64) not null,
  idem_key varchar(255) not null,
  request_hash varchar(64) not null,
  constraint uq_overdue_case_idempotency unique (client_id, idem_key),
  -- one case per bill: the same amount due reported again (another key, another client) is not a second overdue
  constraint uq_overdue_case_bill unique (user_id, channel, due_date)
);
create index ix_overdue_case_user on overdue_case (user_id, reported_at);

-- One day's penalty of a case: accrual_date is a calendar day (Asia/Shanghai) after the due date; base is the
-- principal outstanding at the start of that day. The primary key makes accrual idempotent per day, on every node.
create table overdue_accrual (
  case_id varchar(36) not null references overdue_case (id),
  accrual_date date not null,
  base numeric(14,2) not null,
  penalty numeric(14,2) not null,
  accrued_at timestamp with time zone not null,
  primary key (case_id, accrual_date)
);

-- A repayment of a case: the penalty is paid first, then the principal. principal_after / penalty_after: what the
-- case still owed just after it (so a replayed request answers exactly the same). (client_id, idem_key) as above.
create table overdue_repayment (
  id varchar(36) primary key,
  case_id varchar(36) not null references overdue_case (id),
  amount numeric(14,2) not null,
  penalty_part numeric(14,2) not null,
  principal_part numeric(14,2) not null,
  principal_after numeric(14,2) not null,
  penalty_after numeric(14,2) not null,
  received_at timestamp with time zone not null,
  client_id varchar(64) not null,
  idem_key varchar(255) not null,
  request_hash varchar(64) not null,
  constraint uq_overdue_repayment_idempotency unique (client_id, idem_key)
);
create index ix_overdue_repayment_case on overdue_repayment (case_id, received_at);
