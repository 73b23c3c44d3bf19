-- Credit-line freezes (SPEC.md section 5) and their Unfreeze review (issue 5, processes/Unfreeze.bpmn).
-- Portable SQL: runs unchanged on H2 and PostgreSQL.

-- A freeze of the customer's whole Baitiao credit line, every channel. The account is frozen while any row of the
-- user has no lifted_at; each cause is lifted on its own (RISK by the Unfreeze review, OVERDUE by repayment).
-- evidence_ref: what tripped it (for RISK the payment authorization id). The unique key makes freeze() idempotent
-- on every node. The timestamps of this table hold UTC (timestamp without time zone).
create table credit_line_freeze (
  id varchar(36) primary key,
  user_id varchar(64) not null,
  cause varchar(16) not null,
  reason varchar(500) not null,
  evidence_ref varchar(100) not null,
  frozen_at timestamp not null,
  lifted_at timestamp,
  lifted_reason varchar(500),
  constraint uq_credit_line_freeze unique (user_id, cause, evidence_ref)
);
create index ix_credit_line_freeze_user on credit_line_freeze (user_id, lifted_at);

-- One Unfreeze review case (one process instance, business key = id). At most one open case per user: open_user_id
-- is the user's id while the case is open and null once it ended (a unique key allows many nulls), so the RISK
-- freezes that arrive while a case is open join it instead of starting another.
-- state: AWAITING_PROOF, UNDER_REVIEW, REJECTED (awaiting a new proof), APPROVED (lifting), UNFROZEN, CLOSED.
create table unfreeze_case (
  id varchar(36) primary key,
  user_id varchar(64) not null,
  open_user_id varchar(64),
  opened_by_freeze_id varchar(36),
  state varchar(16) not null,
  proof_due_at timestamp with time zone,
  opened_at timestamp with time zone not null,
  ended_at timestamp with time zone,
  constraint uq_unfreeze_case_open unique (open_user_id)
);
create index ix_unfreeze_case_user on unfreeze_case (user_id, opened_at);

-- Each travel proof (行程证明) the customer submitted in a case, and its review.
-- state: UNDER_REVIEW, APPROVED, REJECTED.
create table unfreeze_request (
  id varchar(36) primary key,
  case_id varchar(36) not null references unfreeze_case (id),
  user_id varchar(64) not null,
  attempt integer not null,
  document_ref varchar(100) not null,
  submitted_at timestamp with time zone not null,
  review_due_at timestamp with time zone not null,
  state varchar(16) not null,
  escalated_at timestamp with time zone,
  decided_at timestamp with time zone,
  decided_by varchar(64),
  decision_reason varchar(500),
  constraint uq_unfreeze_request_attempt unique (case_id, attempt)
);
create index ix_unfreeze_request_user on unfreeze_request (user_id, submitted_at);

-- The trips of a travel proof: cities and dates.
create table unfreeze_trip (
  request_id varchar(36) not null references unfreeze_request (id),
  trip_no integer not null,
  city varchar(64) not null,
  start_date date not null,
  end_date date not null,
  primary key (request_id, trip_no)
);
