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
