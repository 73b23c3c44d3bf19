package com.bindflow.binding;

/** Ids of process {@code Binding} (processes/Binding.bpmn) used from Java: messages, elements, variables. */
public final class BindingProcess {

    public static final String PROCESS_ID = "Binding";

    // messages (names) the REST layer and the outside world correlate
    public static final String MESSAGE_AGREEMENT_ACCEPTED = "AgreementAccepted";
    public static final String MESSAGE_OTP_REQUESTED = "OtpRequested";
    public static final String MESSAGE_OTP_VERIFIED = "OtpVerified";
    public static final String MESSAGE_OTP_LOCKED = "OtpLocked";
    public static final String MESSAGE_WECHAT_AUTHORIZED = "WeChatAuthorized";

    // elements
    public static final String START_EVENT = "StartEvent_BindingRequested";
    public static final String CALL_ACTIVITY_CHECK_ELIGIBILITY = "CallActivity_CheckEligibility";
    public static final String GATEWAY_ELIGIBLE = "Gateway_Eligible";
    public static final String END_EVENT_REJECTED = "EndEvent_BindingRejected";
    public static final String TASK_AWAIT_AGREEMENT = "ReceiveTask_AwaitAgreement";
    public static final String TIMER_AGREEMENT_TIMEOUT = "Timer_AgreementTimeout";
    public static final String END_EVENT_AGREEMENT_EXPIRED = "EndEvent_AgreementExpired";
    public static final String SUB_PROCESS_OTP = "SubProcess_OtpVerification";
    public static final String GATEWAY_AWAIT_OTP_REQUEST = "Gateway_AwaitOtpRequest";
    public static final String EVENT_OTP_REQUESTED = "Event_OtpRequested";
    public static final String TIMER_OTP_INACTIVE = "Timer_OtpPhaseInactive";
    public static final String TASK_SEND_OTP = "Task_SendOtp";
    public static final String GATEWAY_AWAIT_OTP_ENTRY = "Gateway_AwaitOtpEntry";
    public static final String EVENT_OTP_RESEND_REQUESTED = "Event_OtpResendRequested";
    public static final String EVENT_OTP_VERIFIED = "Event_OtpVerified";
    public static final String EVENT_OTP_LOCKED = "Event_OtpLocked";
    public static final String TIMER_OTP_EXPIRED = "Timer_OtpExpired";
    public static final String TASK_EXPIRE_OTP = "Task_ExpireOtp";
    public static final String GATEWAY_SENDS_LEFT = "Gateway_SendsLeft";
    public static final String END_EVENT_OTP_VERIFIED_STEP = "EndEvent_OtpVerified";
    public static final String END_EVENT_OTP_EXHAUSTED = "EndEvent_OtpExhausted";
    public static final String END_EVENT_OTP_INACTIVE = "EndEvent_OtpInactive";
    public static final String END_EVENT_OTP_LIMIT_EXPIRED = "EndEvent_OtpLimitExpired";
    public static final String END_EVENT_OTP_INACTIVITY_EXPIRED = "EndEvent_OtpInactivityExpired";
    public static final String TASK_AWAIT_WECHAT_AUTHORIZATION = "ReceiveTask_AwaitWeChatAuthorization";
    public static final String TIMER_AUTHORIZATION_TIMEOUT = "Timer_AuthorizationTimeout";
    public static final String END_EVENT_AUTHORIZATION_EXPIRED = "EndEvent_AuthorizationExpired";
    public static final String END_EVENT_AUTHORIZATION_RECEIVED = "EndEvent_AuthorizationReceived";

    // variables
    public static final String VAR_BINDING_ID = "bindingId";
    public static final String VAR_USER_ID = "userId";
    public static final String VAR_CHANNEL = "channel";
    public static final String VAR_AGREEMENT_VERSION = "agreementVersion";
    public static final String VAR_OTP_SEND_NO = "otpSendNo";
    public static final String VAR_OTP_SENDS_LEFT = "otpSendsLeft";
    public static final String VAR_OTP_EXPIRES_AT = "otpExpiresAt";
    public static final String VAR_OTP_INACTIVITY_DEADLINE = "otpInactivityDeadline";

    private BindingProcess() {
    }
}
