package com.bindflow.binding.wechat;

import com.bindflow.binding.BindingService;
import com.bindflow.channel.Channel;
import com.bindflow.shared.ApiProblem;
import com.bindflow.wechat.WeChatPay;
import com.bindflow.wechat.notification.WeChatEvent;
import com.bindflow.wechat.notification.WeChatEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The wallet entry (SPEC section 3): WeChat's CONTRACT.BIND_REQUESTED starts a binding with channel WECHAT,
 * idempotent on WeChat's request id (the idempotency key of client {@value #CLIENT_ID}), so a duplicate notification
 * finds the same binding. A request we cannot take (unknown user, a binding already in progress or active) is refused
 * at WeChat at once.
 */
@Component
public class WeChatBindRequestEvents implements WeChatEventHandler {

    /** The client id under which WeChat's binding requests are kept as idempotency keys. */
    public static final String CLIENT_ID = "wechat-pay";

    private static final Logger log = LoggerFactory.getLogger(WeChatBindRequestEvents.class);

    private final BindingService bindings;
    private final WeChatPay wechat;
    private final TransactionTemplate ownTransaction;

    public WeChatBindRequestEvents(BindingService bindings, WeChatPay wechat, PlatformTransactionManager transactionManager) {
        this.bindings = bindings;
        this.wechat = wechat;
        // the binding is created in a transaction of its own: a refusal (409, 404) must not doom the inbox's transaction
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public boolean handles(String eventType) {
        return WeChatEvent.CONTRACT_BIND_REQUESTED.equals(eventType);
    }

    @Override
    public void handle(WeChatEvent event) {
        String requestId = event.string("request_id");
        String userId = event.string("user_id");
        if (requestId == null) {
            log.warn("WeChat notification {} asks for a binding without request_id: ignored", event.notificationId());
            return;
        }
        if (userId == null) {
            log.warn("WeChat binding request {} names no user: refused", requestId);
            wechat.refuseBindRequest(requestId, "The binding request names no user.");
            return;
        }
        try {
            var created = ownTransaction.execute(s -> bindings.create(CLIENT_ID, requestId,
                    new BindingService.CreateBinding(userId, Channel.WECHAT, requestId)));
            log.info("WeChat binding request {} of {}: binding {}{}", requestId, userId, created.binding().id(),
                    created.replayed() ? " (already started)" : "");
        } catch (ApiProblem refused) {
            log.info("WeChat binding request {} of {} refused: {}", requestId, userId, refused.getMessage());
            wechat.refuseBindRequest(requestId, refused.code() + ": " + refused.getMessage());
        }
    }
}
