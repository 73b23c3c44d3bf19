package com.bindflow.sandbox.verification;

import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Sandbox only: the last SMS a persona's phone received (the code a customer would read). Absent in the prod profile. */
@RestController
@SandboxOnly
public class SandboxSmsController {

    private final SandboxSmsGateway sms;

    public SandboxSmsController(SandboxSmsGateway sms) {
        this.sms = sms;
    }

    public record SmsView(String userId, String phone, String text, String code, java.time.Instant sentAt) {
    }

    @GetMapping("/sandbox/sms/{userId}")
    public SmsView lastSms(@PathVariable String userId) {
        SandboxSmsGateway.SentSms last = sms.lastSentTo(userId)
                .orElseThrow(() -> ApiProblem.notFound("NO_SMS", "No SMS was sent to " + userId + "."));
        return new SmsView(last.userId(), last.phone(), last.body(), last.code(), last.sentAt());
    }
}
