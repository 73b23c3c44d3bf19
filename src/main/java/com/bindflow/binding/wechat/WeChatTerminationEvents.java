package com.bindflow.binding.wechat;

import com.bindflow.binding.Binding;
import com.bindflow.binding.BindingSteps;
import com.bindflow.binding.BindingStatus;
import com.bindflow.binding.UnbindingService;
import com.bindflow.wechat.notification.WeChatEvent;
import com.bindflow.wechat.notification.WeChatEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The customer ended the authorization in the WeChat wallet (CONTRACT.TERMINATED): an ACTIVE binding is unbound
 * from the WeChat side. A termination for a binding that is unbinding or has ended changes nothing.
 */
@Component
public class WeChatTerminationEvents implements WeChatEventHandler {

    private static final Logger log = LoggerFactory.getLogger(WeChatTerminationEvents.class);

    private final BindingSteps bindings;
    private final UnbindingService unbinding;

    public WeChatTerminationEvents(BindingSteps bindings, UnbindingService unbinding) {
        this.bindings = bindings;
        this.unbinding = unbinding;
    }

    @Override
    public boolean handles(String eventType) {
        return WeChatEvent.CONTRACT_TERMINATED.equals(eventType);
    }

    @Override
    public void handle(WeChatEvent event) {
        if (WeChatBindingService.bindingOf(event).isEmpty()) {
            log.warn("WeChat termination {} names no binding of ours: ignored", event.notificationId());
            return;
        }
        String bindingId = WeChatBindingService.bindingOf(event).get();
        BindingStatus status = bindings.find(bindingId).map(Binding::status).orElse(null);
        if (status == BindingStatus.ACTIVE) {
            unbinding.unbind(bindingId, UnbindingService.Side.WECHAT);
        } else {
            log.info("WeChat termination {} for binding {} in status {}: nothing to do", event.notificationId(), bindingId, status);
        }
    }
}
