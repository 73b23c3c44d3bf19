package com.bindflow.verification.aliyun;

import com.aliyun.dysmsapi20170525.Client;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsRequest;
import com.aliyun.dysmsapi20170525.models.QuerySendDetailsResponseBody;
import com.aliyun.dysmsapi20170525.models.SendSmsRequest;
import com.aliyun.dysmsapi20170525.models.SendSmsResponseBody;
import com.bindflow.shared.EngineClock;
import com.bindflow.shared.OutsideCallFailure;
import com.bindflow.shared.OutsideCalls;
import com.bindflow.shared.OutsideSystem;
import com.bindflow.shared.OutsideSystemUnavailableException;
import com.bindflow.shared.aliyun.AliyunOpenApi;
import com.bindflow.shared.aliyun.AliyunProperties;
import com.bindflow.verification.SmsGateway;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link SmsGateway}: Alibaba Cloud SMS ({@code dysmsapi} 2017-05-25, its SDK), the text in our
 * template registered there ({@code bindflow.aliyun.sms.template-code}, sign name {@code .sign-name}; we pass the
 * template's variables, e.g. {@code code}), our message id as {@code OutId}.
 *
 * <p>SendSms is not idempotent at Alibaba Cloud, so the port's promise — the same message id reaches the phone once —
 * is kept by {@link SmsSendLog}: before the request leaves, the message is recorded as {@code SENDING} (in a transaction
 * of its own); Alibaba Cloud's {@code OK} makes it {@code SENT}, and a retried job sends nothing again. A request that
 * surely never left (refused, connect timeout, open breaker) or that Alibaba Cloud refused is {@code NOT_SENT} and may
 * go again; {@link OutsideCalls} itself sends again only then. After a timeout or a 5xx the message may or may not
 * have gone out: it stays {@code SENDING}, the job fails, and its retry first asks Alibaba Cloud's send records
 * (QuerySendDetails, by phone and day, our {@code OutId}): found and not failed → {@code SENT}, nothing sent; not found
 * → sent again only when the attempt is older than {@code resend-uncertain-after} (2 minutes: beyond the job's own
 * retries, so an operator's retry of the incident sends it), else the job fails again.
 */
public class AliyunSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(AliyunSmsGateway.class);
    private static final DateTimeFormatter SEND_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(EngineClock.CHINA);
    /** QuerySendDetails' SendStatus: 1 waiting for the receipt, 2 failed, 3 delivered. */
    private static final long SEND_FAILED = 2;

    private final Client client;
    private final AliyunProperties.Sms settings;
    private final SmsSendLog sends;
    private final OutsideCalls calls;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    AliyunSmsGateway(AliyunProperties properties, SmsSendLog sends, OutsideCalls calls, Clock clock) {
        AliyunProperties checked = properties.checked();
        this.settings = checked.sms();
        if (settings.signName() == null || settings.signName().isBlank()
                || settings.templateCode() == null || settings.templateCode().isBlank()) {
            throw new IllegalStateException("bindflow.aliyun.sms.sign-name and .template-code must be set (environment "
                    + "variables BINDFLOW_SMS_SIGN_NAME, BINDFLOW_SMS_TEMPLATE_CODE)");
        }
        try {
            this.client = new Client(AliyunOpenApi.endpoint(settings.endpoint(), checked.accessKeyId(),
                    checked.accessKeySecret()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up Alibaba Cloud's SMS client: " + e.getMessage(), e);
        }
        this.sends = sends;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public void send(String messageId, String userId, String phone, Message message) {
        OutsideCalls.Budget budget = calls.budget();
        Optional<SmsSendLog.Entry> known = sends.find(messageId);
        if (known.isPresent()) {
            switch (known.get().state()) {
                case SENT -> {
                    log.info("SMS {} went out before ({}): not sent again", messageId, known.get().bizId());
                    return;
                }
                case SENDING -> {
                    if (resolvedAsSent(budget, known.get(), phone)) {
                        return;
                    }
                }
                case NOT_SENT -> {
                    // surely did not go out: send it
                }
            }
        }
        if (!sends.startAttempt(messageId, known, clock.instant())) {
            throw new OutsideSystemUnavailableException(OutsideSystem.SMS.displayName(),
                    "message " + messageId + " is being sent by another job right now");
        }
        SendSmsResponseBody answer;
        try {
            answer = calls.call(budget, OutsideSystem.SMS, "send-sms", OutsideCalls.Retries.ONLY_IF_NOT_SENT,
                    body -> !"OK".equals(body.getCode()), () -> sendOnce(messageId, phone, message));
        } catch (OutsideCallFailure failure) {
            if (failure.kind() == OutsideCallFailure.Kind.NOT_SENT || failure.kind() == OutsideCallFailure.Kind.CIRCUIT_OPEN) {
                sends.notSent(messageId, failure.getMessage());
            } else {
                sends.uncertain(messageId, failure.getMessage());
                log.warn("SMS {}: it may or may not have gone out ({}); a retry checks Alibaba Cloud's records first",
                        messageId, failure.kind());
            }
            throw failure;
        }
        if ("OK".equals(answer.getCode())) {
            sends.sent(messageId, answer.getBizId(), clock.instant());
            log.info("SMS {} sent (BizId {})", messageId, answer.getBizId());
            return;
        }
        // Alibaba Cloud refused it (e.g. isv.BUSINESS_LIMIT_CONTROL, isv.MOBILE_NUMBER_ILLEGAL): nothing went out
        sends.notSent(messageId, answer.getCode() + ": " + answer.getMessage());
        throw new OutsideSystemUnavailableException(OutsideSystem.SMS.displayName(),
                "Alibaba Cloud refused message " + messageId + ": " + answer.getCode());
    }

    private SendSmsResponseBody sendOnce(String messageId, String phone, Message message) {
        SendSmsRequest request;
        try {
            request = new SendSmsRequest()
                    .setPhoneNumbers(phone)
                    .setSignName(settings.signName())
                    .setTemplateCode(settings.templateCode())
                    .setTemplateParam(json.writeValueAsString(message.templateParams()))
                    .setOutId(messageId);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        SendSmsResponseBody body;
        try {
            body = client.sendSmsWithOptions(request, AliyunOpenApi.oneAttempt()).getBody();
        } catch (Exception e) {
            throw AliyunOpenApi.failure(OutsideSystem.SMS, "send-sms", e);
        }
        if (body == null || body.getCode() == null) {
            throw new OutsideCallFailure(OutsideSystem.SMS, OutsideCallFailure.Kind.ERROR, "send-sms: an answer without Code");
        }
        return body;
    }

    /**
     * A message whose fate is unknown: true when Alibaba Cloud's records show it went out (then recorded as SENT);
     * false when it may be sent again (no record, or a failed delivery, and the attempt is old enough); otherwise the
     * call fails and the job is retried (later an incident).
     */
    private boolean resolvedAsSent(OutsideCalls.Budget budget, SmsSendLog.Entry entry, String phone) {
        List<QuerySendDetailsResponseBody.QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> records =
                calls.call(budget, OutsideSystem.SMS, "query-sms", OutsideCalls.Retries.IDEMPOTENT, () -> sendRecords(entry, phone));
        Optional<QuerySendDetailsResponseBody.QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> ours =
                records.stream().filter(r -> entry.messageId().equals(r.getOutId())).findFirst();
        if (ours.isPresent() && (ours.get().getSendStatus() == null || ours.get().getSendStatus() != SEND_FAILED)) {
            sends.sent(entry.messageId(), null, clock.instant());
            log.info("SMS {}: Alibaba Cloud's records show it went out; not sent again", entry.messageId());
            return true;
        }
        Instant resendFrom = entry.lastAttemptAt().plus(settings.resendUncertainAfter());
        if (ours.isEmpty() && clock.instant().isBefore(resendFrom)) {
            throw new OutsideSystemUnavailableException(OutsideSystem.SMS.displayName(), "message " + entry.messageId()
                    + " may have gone out (its last attempt had no clear answer) and Alibaba Cloud's records do not show "
                    + "it yet: not sent again before " + resendFrom);
        }
        log.info("SMS {}: {}; sending it again", entry.messageId(),
                ours.isPresent() ? "its delivery failed" : "no record at Alibaba Cloud since " + entry.lastAttemptAt());
        return false;
    }

    private List<QuerySendDetailsResponseBody.QuerySendDetailsResponseBodySmsSendDetailDTOsSmsSendDetailDTO> sendRecords(
            SmsSendLog.Entry entry, String phone) {
        QuerySendDetailsResponseBody body;
        try {
            body = client.querySendDetailsWithOptions(new QuerySendDetailsRequest()
                    .setPhoneNumber(phone)
                    .setSendDate(SEND_DATE.format(entry.lastAttemptAt()))
                    .setPageSize(50L)
                    .setCurrentPage(1L), AliyunOpenApi.oneAttempt()).getBody();
        } catch (Exception e) {
            throw AliyunOpenApi.failure(OutsideSystem.SMS, "query-sms", e);
        }
        if (body == null || !"OK".equals(body.getCode())) {
            throw new OutsideCallFailure(OutsideSystem.SMS, OutsideCallFailure.Kind.ERROR, "query-sms: Alibaba Cloud "
                    + "answered " + (body == null ? "nothing" : body.getCode()));
        }
        return body.getSmsSendDetailDTOs() == null || body.getSmsSendDetailDTOs().getSmsSendDetailDTO() == null
                ? List.of() : body.getSmsSendDetailDTOs().getSmsSendDetailDTO();
    }
}
