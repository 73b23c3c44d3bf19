package com.bindflow.binding;

import com.bindflow.channel.Channel;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A binding as the REST API shows it: status, reasons with messages, the step details and the timeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BindingView(String id, String userId, Channel channel, BindingStatus status, List<Reason> reasons,
                          String statusMessage, List<String> nextSteps, Agreement agreement, Review review, Otp otp,
                          WeChat wechat, Instant createdAt, Instant updatedAt, Instant endedAt, List<Step> history) {

    public record Reason(String code, String message) {
    }

    public record Agreement(String version, Instant acceptedAt) {
    }

    public record Review(Instant dueAt) {
    }

    public record Step(BindingStatus status, List<String> reasons, Instant at) {
    }

    /**
     * Step 3b, the SMS code, as the customer's app shows it: codes sent and left, when the current one expires, when the
     * next may be requested, wrong entries left for it, and its state. {@code retryAfterSeconds}: only in the answer to a
     * request for a code while the last one is still being sent ({@code codeState} PENDING): when to look again.
     */
    public record Otp(int sendsUsed, int sendsLeft, Instant codeExpiresAt, Instant nextSendAllowedAt,
                      Integer wrongEntriesLeft, String codeState, Long retryAfterSeconds) {
    }

    /**
     * Steps 4–6: WeChat's authorization page (JD-app entry) or WeChat's binding request (wallet entry), the contract,
     * Baitiao's place among the WeChat payment methods (2 = right after 零钱 for the wallet entry), the customer's
     * choices, face attempts, activation.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WeChat(String requestId, String authorizationUrl, String contractId, Integer paymentPriority,
                         java.math.BigDecimal perTransactionCap, Integer faceAttempts, Instant activatedAt) {
    }

    static BindingView of(Binding b, List<Binding.StatusChange> history, Otp otp) {
        List<Reason> reasons = b.reasonCodes().stream()
                .map(code -> new Reason(code, ReasonCode.of(code).map(ReasonCode::message).orElse(code)))
                .toList();
        return new BindingView(b.id(), b.userId(), b.channel(), b.status(), reasons, b.statusMessage(),
                nextSteps(b), b.agreementVersion() == null ? null : new Agreement(b.agreementVersion(), b.agreementAcceptedAt()),
                b.reviewDueAt() == null ? null : new Review(b.reviewDueAt()), otp, wechat(b), b.createdAt(), b.updatedAt(),
                b.endedAt(), history.stream().map(h -> new Step(h.status(), h.reasonCodes(), h.at())).toList());
    }

    private static WeChat wechat(Binding b) {
        Binding.WeChat w = b.wechat();
        if (w.contractCode() == null && w.requestId() == null) {
            return null;
        }
        return new WeChat(w.requestId(), w.authorizationUrl(), w.contractId(), w.priority(), w.perTransactionCap(),
                w.faceAttempts() == 0 ? null : w.faceAttempts(), w.activatedAt());
    }

    private static List<String> nextSteps(Binding b) {
        String base = "/api/bindings/" + b.id();
        String cancel = "POST " + base + "/cancel";
        return switch (b.status()) {
            case AWAITING_AGREEMENT -> List.of("POST " + base + "/agreement", cancel);
            case AWAITING_OTP -> List.of("POST " + base + "/otp/send", "POST " + base + "/otp", cancel);
            case AWAITING_WECHAT_AUTHORIZATION -> b.wechat().authorizationUrl() == null ? List.of(cancel)
                    : List.of("customer: open " + b.wechat().authorizationUrl() + " in WeChat", cancel);
            case AWAITING_PREFERENCES -> List.of("POST " + base + "/preferences", cancel);
            case AWAITING_FACE_VERIFICATION -> List.of("POST " + base + "/face", cancel);
            case CHECKING_ELIGIBILITY, UNDER_REVIEW, VERIFYING_PAYMENT -> List.of(cancel);
            case ACTIVE -> List.of("DELETE " + base);
            default -> List.of();
        };
    }
}
