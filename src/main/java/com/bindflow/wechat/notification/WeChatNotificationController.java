package com.bindflow.wechat.notification;

import com.bindflow.shared.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * WeChat Pay's signed notifications (no HTTP Basic: the path is one of {@code bindflow.security.open-api-paths};
 * the signature authenticates the caller). The raw body bytes are what the signature covers. 200
 * {@code {"code":"SUCCESS"}} once the notification is stored (or was stored before); refusals are problem+json.
 */
@RestController
public class WeChatNotificationController {

    public static final String PATH = "/api/wechat/notifications";

    private final WeChatNotificationReceiver receiver;

    public WeChatNotificationController(WeChatNotificationReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, String>> receive(
            @RequestHeader(name = WeChatNotificationReceiver.TIMESTAMP, required = false) String timestamp,
            @RequestHeader(name = WeChatNotificationReceiver.NONCE, required = false) String nonce,
            @RequestHeader(name = WeChatNotificationReceiver.SIGNATURE, required = false) String signature,
            @RequestHeader(name = WeChatNotificationReceiver.SERIAL, required = false) String serial,
            @RequestHeader(name = WeChatNotificationReceiver.SIGNATURE_TYPE, required = false) String signatureType,
            jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        byte[] body = readAtMost(request.getInputStream(), WeChatNotificationReceiver.MAX_BODY_BYTES);
        receiver.receive(new WeChatNotificationReceiver.Headers(timestamp, nonce, signature, serial, signatureType),
                body == null ? null : new String(body, StandardCharsets.UTF_8));
        return ResponseEntity.ok(Map.of("code", "SUCCESS"));
    }

    /**
     * The raw body, read no further than the limit: this endpoint is open to the internet (WeChat signs, it does not
     * log in), so an oversized body is refused without being held in memory. An empty body is null.
     */
    private static byte[] readAtMost(java.io.InputStream in, int limit) throws java.io.IOException {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE", "The body is larger than " + limit + " bytes.");
        }
        return body.length == 0 ? null : body;
    }
}
