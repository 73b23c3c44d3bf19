package com.bindflow.wechat.notification;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.bindflow.wechat.WeChatPayKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The receiver reads WeChat Pay's keys with the first notification, not when the application makes it: the sandbox's
 * are generated after the start (the endpoint tests check that the first notification is verified with them).
 */
class WeChatNotificationReceiverKeysTest {

    @Test
    void theReceiverIsMadeWithoutReadingTheKeys() {
        WeChatPayKeys keys = mock(WeChatPayKeys.class);

        new WeChatNotificationReceiver(keys, mock(WeChatNotificationInbox.class), mock(JdbcTemplate.class),
                mock(PlatformTransactionManager.class), Clock.systemUTC(), new ObjectMapper());

        verifyNoInteractions(keys);
    }
}
