package com.bindflow.binding.wechat;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingProcess;
import com.bindflow.binding.BindingSteps;
import com.bindflow.binding.BindingStatus;
import com.bindflow.wechat.notification.WeChatEvent;
import com.bindflow.wechat.notification.WeChatEventHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * WeChat's authorization results (CONTRACT.AUTHORIZED / CONTRACT.DECLINED) delivered to the binding waiting for
 * them. Idempotent and order-proof: a result for a binding that has moved on (a duplicate, a late or out-of-order
 * notification) changes nothing, except that an authorization for a binding that has already ended is revoked; a
 * result that arrives before the process waits for it is retried later.
 */
@Component
public class WeChatAuthorizationEvents implements WeChatEventHandler {

    private static final Logger log = LoggerFactory.getLogger(WeChatAuthorizationEvents.class);

    private final BindingSteps bindings;
    private final WeChatBindingService wechat;
    private final TransactionTemplate tx;

    public WeChatAuthorizationEvents(BindingSteps bindings, WeChatBindingService wechat,
                                     PlatformTransactionManager transactionManager) {
        this.bindings = bindings;
        this.wechat = wechat;
        this.tx = new TransactionTemplate(transactionManager);
    }

    @Override
    public boolean handles(String eventType) {
        return WeChatEvent.CONTRACT_AUTHORIZED.equals(eventType) || WeChatEvent.CONTRACT_DECLINED.equals(eventType);
    }

    @Override
    public void handle(WeChatEvent event) {
        if (WeChatBindingService.bindingOf(event).isEmpty()) {
            log.warn("WeChat notification {} names no binding of ours (binding {}, contract {}): ignored",
                    event.notificationId(), event.string("binding_id"), event.string("contract_code"));
            return;
        }
        String bindingId = WeChatBindingService.bindingOf(event).get();
        tx.executeWithoutResult(status -> {
            Optional<Binding> binding = bindings.lock(bindingId);
            if (binding.isPresent() && WeChatEvent.CONTRACT_AUTHORIZED.equals(event.eventType())
                    && (binding.get().status().ended() || binding.get().status() == BindingStatus.UNDOING)) {
                // the customer authorized after the binding had ended (a request withdrawn too late, a cancel racing
                // the request): no authorization may outlive its binding
                log.warn("WeChat authorized binding {} after it ended {}: revoking", bindingId, binding.get().status());
                wechat.terminateAuthorization(bindingId, "binding had ended");
                return;
            }
            if (binding.isEmpty() || binding.get().status() != BindingStatus.AWAITING_WECHAT_AUTHORIZATION) {
                log.info("WeChat notification {} ({}) for binding {} in status {}: nothing to do", event.notificationId(),
                        event.eventType(), bindingId, binding.map(b -> b.status().name()).orElse("unknown"));
                return;
            }
            boolean authorized = WeChatEvent.CONTRACT_AUTHORIZED.equals(event.eventType());
            Map<String, Object> variables = new HashMap<>();
            if (authorized) {
                variables.put(BindingProcess.VAR_WECHAT_CONTRACT_ID, event.string("contract_id"));
                variables.put(BindingProcess.VAR_PAYMENT_PRIORITY, event.integer("priority"));
            }
            // throws when the process does not wait yet (its request job has not finished): the inbox retries
            bindings.deliver(bindingId, authorized ? BindingProcess.MESSAGE_WECHAT_AUTHORIZED
                    : BindingProcess.MESSAGE_WECHAT_DECLINED, variables);
        });
    }
}
