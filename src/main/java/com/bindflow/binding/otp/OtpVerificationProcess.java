package com.bindflow.binding.otp;

/**
 * Ids of process {@code OtpVerification} (processes/OtpVerification.bpmn), the SMS-code step that Binding calls
 * (CallActivity_VerifyOtp) with the binding's business key: messages, elements, variables.
 */
public final class OtpVerificationProcess {

    public static final String PROCESS_ID = "OtpVerification";

    // messages (names) the customer's steps correlate, on the binding's business key
    public static final String MESSAGE_OTP_REQUESTED = "OtpRequested";
    public static final String MESSAGE_OTP_VERIFIED = "OtpVerified";
    public static final String MESSAGE_OTP_LOCKED = "OtpLocked";

    // elements
    public static final String START_EVENT = "StartEvent_OtpStep";
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
    public static final String END_EVENT_OTP_VERIFIED = "EndEvent_OtpVerified";
    /** Error end event OTP_EXHAUSTED: Binding expires the binding with OTP_LIMIT_REACHED. */
    public static final String END_EVENT_OTP_EXHAUSTED = "EndEvent_OtpExhausted";
    /** Error end event OTP_INACTIVE: Binding expires the binding with NO_CUSTOMER_ACTIVITY. */
    public static final String END_EVENT_OTP_INACTIVE = "EndEvent_OtpInactive";

    // variables (besides bindingId, userId and otpInactivityDeadline, passed in by Binding)
    public static final String VAR_OTP_SEND_NO = "otpSendNo";
    public static final String VAR_OTP_SENDS_LEFT = "otpSendsLeft";
    public static final String VAR_OTP_EXPIRES_AT = "otpExpiresAt";

    private OtpVerificationProcess() {
    }
}
