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
    public static final String MESSAGE_WECHAT_DECLINED = "WeChatDeclined";
    public static final String MESSAGE_PREFERENCES_SET = "PreferencesSet";
    public static final String MESSAGE_FACE_VERIFIED = "FaceVerified";
    public static final String MESSAGE_FACE_FAILED = "FaceFailed";
    public static final String MESSAGE_CANCEL_REQUESTED = "CancelRequested";

    // elements
    public static final String START_EVENT = "StartEvent_BindingRequested";
    public static final String GATEWAY_ENTRY_CHANNEL = "Gateway_EntryChannel";
    public static final String TASK_CHECK_THIRD_PARTY_SWITCH = "Task_CheckThirdPartySwitch";
    public static final String GATEWAY_THIRD_PARTY_SWITCH_ON = "Gateway_ThirdPartySwitchOn";
    public static final String END_EVENT_THIRD_PARTY_AUTH_OFF = "EndEvent_ThirdPartyAuthOff";
    public static final String GATEWAY_MERGE_ENTRY = "Gateway_MergeEntry";
    public static final String GATEWAY_AUTHORIZATION_SIDE = "Gateway_AuthorizationSide";
    public static final String TASK_GRANT_WECHAT_REQUEST = "Task_GrantWeChatRequest";
    public static final String GATEWAY_REQUEST_GRANTED = "Gateway_RequestGranted";
    public static final String END_EVENT_WECHAT_REQUEST_WITHDRAWN = "EndEvent_WeChatRequestWithdrawn";
    public static final String GATEWAY_WECHAT_INVOLVED = "Gateway_WeChatInvolved";
    public static final String END_EVENT_ENDED_WITHOUT_UNDO = "EndEvent_EndedWithoutUndo";
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
    public static final String TASK_REQUEST_AUTHORIZATION = "Task_RequestWeChatAuthorization";
    public static final String EVENT_WECHAT_DECLINED = "Event_WeChatDeclined";
    public static final String TIMER_AUTHORIZATION_TIMEOUT = "Timer_AuthorizationTimeout";
    public static final String TASK_QUERY_AUTHORIZATION = "Task_QueryWeChatAuthorization";
    public static final String GATEWAY_AUTHORIZED_ON_QUERY = "Gateway_AuthorizedOnQuery";
    public static final String TASK_RECORD_AUTHORIZATION = "Task_RecordAuthorization";
    public static final String TASK_AWAIT_PREFERENCES = "ReceiveTask_AwaitPreferences";
    public static final String TIMER_PREFERENCES_TIMEOUT = "Timer_PreferencesTimeout";
    public static final String EVENT_FACE_FAILED = "Event_FaceFailed";
    public static final String TASK_AWAIT_FACE = "ReceiveTask_AwaitFaceVerification";
    public static final String TIMER_FACE_TIMEOUT = "Timer_FaceTimeout";
    public static final String TASK_MAKE_TEST_PAYMENT = "Task_MakeTestPayment";
    public static final String GATEWAY_TEST_PAYMENT = "Gateway_TestPaymentResult";
    public static final String TASK_REFUND_TEST_PAYMENT = "Task_RefundTestPayment";
    public static final String END_EVENT_ACTIVE = "EndEvent_BindingActive";
    public static final String TASK_AWAIT_WECHAT_AUTHORIZATION = "ReceiveTask_AwaitWeChatAuthorization";
    public static final String END_EVENT_AUTHORIZATION_DECLINED = "EndEvent_AuthorizationDeclined";
    public static final String END_EVENT_AUTHORIZATION_NOT_GRANTED = "EndEvent_AuthorizationNotGranted";
    public static final String END_EVENT_PREFERENCES_EXPIRED = "EndEvent_PreferencesExpired";
    public static final String END_EVENT_FACE_FAILED = "EndEvent_FaceFailed";
    public static final String END_EVENT_FACE_EXPIRED = "EndEvent_FaceExpired";
    public static final String END_EVENT_TEST_PAYMENT_DECLINED = "EndEvent_TestPaymentDeclined";
    public static final String SUB_PROCESS_UNDO = "SubProcess_Undo";
    public static final String CALL_ACTIVITY_UNDO = "CallActivity_Undo";
    public static final String END_EVENT_UNDONE = "EndEvent_BindingUndone";
    public static final String SUB_PROCESS_CANCEL = "SubProcess_Cancel";
    public static final String START_EVENT_CANCEL = "StartEvent_CancelRequested";
    public static final String GATEWAY_WECHAT_REQUESTED = "Gateway_WeChatRequested";
    public static final String CALL_ACTIVITY_UNDO_ON_CANCEL = "CallActivity_UndoOnCancel";
    public static final String END_EVENT_CANCELLED_AFTER_UNDO = "EndEvent_CancelledAfterUndo";
    public static final String END_EVENT_CANCELLED = "EndEvent_Cancelled";

    // variables
    public static final String VAR_BINDING_ID = "bindingId";
    public static final String VAR_USER_ID = "userId";
    public static final String VAR_CHANNEL = "channel";
    public static final String VAR_AGREEMENT_VERSION = "agreementVersion";
    public static final String VAR_OTP_SEND_NO = "otpSendNo";
    public static final String VAR_OTP_SENDS_LEFT = "otpSendsLeft";
    public static final String VAR_OTP_EXPIRES_AT = "otpExpiresAt";
    public static final String VAR_OTP_INACTIVITY_DEADLINE = "otpInactivityDeadline";
    public static final String VAR_WECHAT_REQUESTED = "wechatRequested";
    public static final String VAR_WECHAT_REQUEST_ID = "wechatRequestId";
    public static final String VAR_THIRD_PARTY_AUTHORIZATION = "thirdPartyAuthorization";
    public static final String VAR_WECHAT_REQUEST_REFUSED = "wechatRequestRefused";
    public static final String VAR_AUTHORIZATION_STATUS = "authorizationStatus";
    public static final String VAR_WECHAT_CONTRACT_ID = "wechatContractId";
    public static final String VAR_PAYMENT_PRIORITY = "paymentPriority";
    public static final String VAR_FACE_FAILURE = "faceFailure";
    public static final String VAR_TEST_PAYMENT_STATUS = "testPaymentStatus";
    public static final String VAR_TEST_PAYMENT_REFUNDED = "testPaymentRefunded";
    public static final String VAR_AUTHORIZATION_REVOKED = "authorizationRevoked";
    public static final String VAR_END_STATUS = "bindingEndStatus";
    public static final String VAR_END_REASON = "bindingEndReason";

    private BindingProcess() {
    }
}
