package com.bindflow.wechat.api;

import com.bindflow.wechat.notification.WeChatEvent;
import com.bindflow.wechat.notification.WeChatEventTranslator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * WeChat Pay's real contract notifications, read into the events the binding's handlers act on (the sandbox sends
 * those directly): {@code ENTRUST.SIGN} (CONFIRMED; resource {@code out_contract_code, contract_id, contract_state})
 * → {@code CONTRACT.AUTHORIZED}; {@code ENTRUST.TERMINATE} (CONFIRMED) → {@code CONTRACT.TERMINATED};
 * {@code ENTRUST.BIND_REQUESTED} (ASSUMED, no public API; {@code request_id, out_user_code}) →
 * {@code CONTRACT.BIND_REQUESTED}. The binding is the one whose contract code ({@code out_contract_code}: the binding
 * id without dashes) it names; WeChat's resource has no priority (none is reported).
 */
@Component
public class EntrustEvents implements WeChatEventTranslator {

    private static final Pattern CONTRACT_CODE = Pattern.compile("[0-9a-f]{32}");

    @Override
    public WeChatEvent translate(WeChatEvent event) {
        return switch (event.eventType()) {
            case WeChatPayApi.EVENT_SIGN -> "SIGNED".equals(event.string(WeChatPayApi.CONTRACT_STATE))
                    ? contract(event, WeChatEvent.CONTRACT_AUTHORIZED) : event;
            case WeChatPayApi.EVENT_TERMINATE -> contract(event, WeChatEvent.CONTRACT_TERMINATED);
            case WeChatPayApi.EVENT_BIND_REQUESTED -> {
                Map<String, Object> resource = new LinkedHashMap<>();
                resource.put("request_id", event.string(WeChatPayApi.REQUEST_ID));
                resource.put("user_id", event.string(WeChatPayApi.OUT_USER_CODE));
                yield new WeChatEvent(event.notificationId(), WeChatEvent.CONTRACT_BIND_REQUESTED, resource,
                        event.receivedAt());
            }
            default -> event;
        };
    }

    private static WeChatEvent contract(WeChatEvent event, String as) {
        String code = event.string(WeChatPayApi.OUT_CONTRACT_CODE);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("contract_code", code);
        resource.put("binding_id", bindingIdOf(code));
        resource.put("contract_id", event.string(WeChatPayApi.CONTRACT_ID));
        resource.put("contract_state", event.string(WeChatPayApi.CONTRACT_STATE));
        return new WeChatEvent(event.notificationId(), as, resource, event.receivedAt());
    }

    /** Our contract codes are binding ids (UUIDs) without dashes; null for any other code. */
    static String bindingIdOf(String contractCode) {
        if (contractCode == null || !CONTRACT_CODE.matcher(contractCode).matches()) {
            return null;
        }
        return contractCode.substring(0, 8) + "-" + contractCode.substring(8, 12) + "-" + contractCode.substring(12, 16)
                + "-" + contractCode.substring(16, 20) + "-" + contractCode.substring(20);
    }
}
