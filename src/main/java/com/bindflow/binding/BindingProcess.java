package com.bindflow.binding;

/** Ids of process {@code Binding} (processes/Binding.bpmn) used from Java: messages, elements, variables. */
public final class BindingProcess {

    public static final String PROCESS_ID = "Binding";

    // messages (names) the REST layer and the outside world correlate
    public static final String MESSAGE_AGREEMENT_ACCEPTED = "AgreementAccepted";
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
    public static final String GATEWAY_MERGE_ENTRY = "Gateway_MergeEntry";
    public static final String GATEWAY_AUTHORIZATION_SIDE = "Gateway_AuthorizationSide";
    public static final String TASK_GRANT_WECHAT_REQUEST = "Task_GrantWeChatRequest";
    public static final String GATEWAY_REQUEST_GRANTED = "Gateway_RequestGranted";
    public static final String END_EVENT_WECHAT_REQUEST_WITHDRAWN = "EndEvent_WeChatRequestWithdrawn";
    public static final String GATEWAY_WECHAT_INVOLVED = "Gateway_WeChatInvolved";
    public static final String END_EVENT_ENDED_WITHOUT_UNDO = "EndEvent_EndedWithoutUndo";
    public static final String CALL_ACTIVITY_CHECK_ELIGIBILITY = "CallActivity_CheckEligibility";
    public static final String GATEWAY_ELIGIBLE = "Gateway_Eligible";
    public static final String TASK_AWAIT_AGREEMENT = "ReceiveTask_AwaitAgreement";
    public static final String TIMER_AGREEMENT_TIMEOUT = "Timer_AgreementTimeout";
    /** The SMS-code step: process OtpVerification (binding.otp.OtpVerificationProcess), called with the business key. */
    public static final String CALL_ACTIVITY_VERIFY_OTP = "CallActivity_VerifyOtp";
    public static final String BOUNDARY_EVENT_OTP_INACTIVE = "BoundaryEvent_OtpInactive";
    public static final String BOUNDARY_EVENT_OTP_EXHAUSTED = "BoundaryEvent_OtpExhausted";
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
    public static final String EVENT_TEST_PAYMENT_DECLINED = "Event_TestPaymentDeclined";
    public static final String TASK_REFUND_TEST_PAYMENT = "Task_RefundTestPayment";
    public static final String END_EVENT_ACTIVE = "EndEvent_BindingActive";
    /** Where every early end but one funnels: it throws BindingFailed, caught by SUB_PROCESS_UNDO. */
    public static final String END_EVENT_BINDING_FAILED = "EndEvent_BindingFailed";
    public static final String TASK_AWAIT_WECHAT_AUTHORIZATION = "ReceiveTask_AwaitWeChatAuthorization";
    public static final String SUB_PROCESS_UNDO = "SubProcess_Undo";
    public static final String CALL_ACTIVITY_UNDO = "CallActivity_Undo";
    public static final String END_EVENT_UNDONE = "EndEvent_BindingUndone";
    public static final String SUB_PROCESS_CANCEL = "SubProcess_Cancel";
    public static final String START_EVENT_CANCEL = "StartEvent_CancelRequested";
    public static final String GATEWAY_WECHAT_REQUESTED = "Gateway_WeChatRequested";
    public static final String CALL_ACTIVITY_UNDO_ON_CANCEL = "CallActivity_UndoOnCancel";
    public static final String END_EVENT_CANCELLED_AFTER_UNDO = "EndEvent_CancelledAfterUndo";
    public static final String END_EVENT_CANCELLED = "EndEvent_Cancelled";

    // errors (codes)
    /** Thrown by the test payment's delegate when WeChat declines it (caught by EVENT_TEST_PAYMENT_DECLINED). */
    public static final String ERROR_TEST_PAYMENT_DECLINED = "TEST_PAYMENT_DECLINED";

    // variables
    public static final String VAR_BINDING_ID = "bindingId";
    public static final String VAR_USER_ID = "userId";
    public static final String VAR_CHANNEL = "channel";
    public static final String VAR_AGREEMENT_VERSION = "agreementVersion";
    /** Set with the agreement; the SMS-code step (OtpVerification) ends when it passes without a code request. */
    public static final String VAR_OTP_INACTIVITY_DEADLINE = "otpInactivityDeadline";
    public static final String VAR_WECHAT_REQUESTED = "wechatRequested";
    public static final String VAR_WECHAT_REQUEST_ID = "wechatRequestId";
    public static final String VAR_THIRD_PARTY_AUTHORIZATION = "thirdPartyAuthorization";
    public static final String VAR_WECHAT_REQUEST_REFUSED = "wechatRequestRefused";
    public static final String VAR_AUTHORIZATION_STATUS = "authorizationStatus";
    public static final String VAR_WECHAT_CONTRACT_ID = "wechatContractId";
    public static final String VAR_PAYMENT_PRIORITY = "paymentPriority";
    public static final String VAR_FACE_FAILURE = "faceFailure";
    public static final String VAR_TEST_PAYMENT_REFUNDED = "testPaymentRefunded";
    public static final String VAR_AUTHORIZATION_REVOKED = "authorizationRevoked";
    public static final String VAR_END_STATUS = "bindingEndStatus";
    public static final String VAR_END_REASON = "bindingEndReason";

    private BindingProcess() {
    }
}
