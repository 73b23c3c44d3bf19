-- The production SMS gateway's record of each message it sends (Alibaba Cloud's SendSms is not idempotent): written
-- before the request leaves and after its answer, each in a transaction of its own, so a retried job never sends a
-- message again that provably went out (SENT), and one whose fate is unknown (SENDING after a timeout or a 5xx) only
-- after Alibaba Cloud's send records show it did not (verification.aliyun.SmsSendLog).
create table sms_send (
  message_id varchar(100) primary key,
  state varchar(16) not null,
  attempts integer not null,
  biz_id varchar(64),
  last_error varchar(500),
  last_attempt_at timestamp with time zone not null,
  sent_at timestamp with time zone
);
