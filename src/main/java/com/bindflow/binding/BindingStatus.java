package com.bindflow.binding;

/** The public statuses of a binding (SPEC.md: names fixed). */
public enum BindingStatus {
    CHECKING_ELIGIBILITY,
    UNDER_REVIEW,
    REJECTED(true),
    AWAITING_AGREEMENT,
    AWAITING_OTP,
    AWAITING_WECHAT_AUTHORIZATION,
    AWAITING_PREFERENCES,
    AWAITING_FACE_VERIFICATION,
    VERIFYING_PAYMENT,
    /** added: the binding failed or was cancelled after WeChat was involved; what WeChat has is being undone */
    UNDOING,
    ACTIVE,
    /** added: an ACTIVE binding is being unbound (the WeChat authorization is being revoked) */
    UNBINDING,
    FAILED(true),
    EXPIRED(true),
    CANCELLED(true),
    UNBOUND(true);

    private final boolean ended;

    BindingStatus() {
        this(false);
    }

    BindingStatus(boolean ended) {
        this.ended = ended;
    }

    /** Whether the binding is over: the user may start a new one. ACTIVE is not ended. */
    public boolean ended() {
        return ended;
    }
}
