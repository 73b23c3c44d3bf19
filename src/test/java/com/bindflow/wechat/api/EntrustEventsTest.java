package com.bindflow.wechat.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.bindflow.wechat.notification.WeChatEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WeChat Pay's real contract events read into the ones the binding's handlers act on. */
class EntrustEventsTest {

    private final EntrustEvents events = new EntrustEvents();
    private static final String BINDING = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final String CODE = "0f8fad5bd9cb469fa16570867728950e";

    private static WeChatEvent event(String type, Map<String, Object> resource) {
        return new WeChatEvent("n-1", type, resource, Instant.EPOCH);
    }

    @Test
    void aSignedContractIsTheBindingsAuthorization() {
        WeChatEvent read = events.translate(event("ENTRUST.SIGN", Map.of("out_contract_code", CODE,
                "contract_id", "Wx123", "contract_state", "SIGNED", "openid", "o-1")));
        assertThat(read.eventType()).isEqualTo(WeChatEvent.CONTRACT_AUTHORIZED);
        assertThat(read.resource()).containsEntry("binding_id", BINDING).containsEntry("contract_code", CODE)
                .containsEntry("contract_id", "Wx123").doesNotContainKey("priority");
        assertThat(read.notificationId()).isEqualTo("n-1");
    }

    @Test
    void aTerminationAndAWalletRequestAreReadToo() {
        assertThat(events.translate(event("ENTRUST.TERMINATE", Map.of("out_contract_code", CODE,
                "contract_state", "TERMINATED"))).eventType()).isEqualTo(WeChatEvent.CONTRACT_TERMINATED);
        WeChatEvent request = events.translate(event("ENTRUST.BIND_REQUESTED", Map.of("request_id", "WXBR1",
                "out_user_code", "demo-ok")));
        assertThat(request.eventType()).isEqualTo(WeChatEvent.CONTRACT_BIND_REQUESTED);
        assertThat(request.resource()).containsEntry("request_id", "WXBR1").containsEntry("user_id", "demo-ok");
    }

    @Test
    void aContractCodeNotOursNamesNoBindingAndOtherEventsPassUnchanged() {
        assertThat(events.translate(event("ENTRUST.SIGN", Map.of("out_contract_code", "someone-elses",
                "contract_state", "SIGNED"))).resource().get("binding_id")).isNull();
        WeChatEvent sandbox = event(WeChatEvent.CONTRACT_AUTHORIZED, Map.of("binding_id", BINDING));
        assertThat(events.translate(sandbox)).isSameAs(sandbox);
    }
}
