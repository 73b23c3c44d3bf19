package com.bindflow.binding;

import com.bindflow.channel.Channel;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The binding record: one attempt of one customer to bind Baitiao in WeChat Pay. */
public record Binding(String id, String userId, Channel channel, BindingStatus status, List<String> reasonCodes,
                      String statusMessage, String agreementVersion, Instant agreementAcceptedAt, Instant reviewDueAt,
                      Instant createdAt, Instant updatedAt, Instant endedAt, WeChat wechat) {

    /**
     * What WeChat Pay and the customer's choices added (steps 4–6): the contract, the authorization page, the
     * payment priority among WeChat's payment methods, the optional per-transaction cap (yuan), face attempts, and
     * for a binding started in the WeChat wallet, WeChat's id of the customer's binding request.
     */
    public record WeChat(String contractCode, String contractId, String authorizationUrl, Integer priority,
                         BigDecimal perTransactionCap, Instant preferencesSetAt, int faceAttempts, Instant activatedAt,
                         String requestId) {

        static final WeChat NONE = new WeChat(null, null, null, null, null, null, 0, null, null);
    }

    public Binding {
        reasonCodes = reasonCodes == null ? List.of() : List.copyOf(reasonCodes);
        wechat = wechat == null ? WeChat.NONE : wechat;
    }

    public static Binding requested(String id, String userId, Channel channel, String wechatRequestId, Instant now) {
        return new Binding(id, userId, channel, BindingStatus.CHECKING_ELIGIBILITY, List.of(), null, null, null, null,
                now, now, null, new WeChat(null, null, null, null, null, null, 0, null, wechatRequestId));
    }

    /** Our contract code with WeChat for a binding: its id without dashes (32 characters, WeChat's limit). */
    public static String contractCodeOf(String bindingId) {
        return bindingId.replace("-", "");
    }

    /** One status of the timeline, with when it began. */
    public record StatusChange(BindingStatus status, List<String> reasonCodes, Instant at) {
    }
}
