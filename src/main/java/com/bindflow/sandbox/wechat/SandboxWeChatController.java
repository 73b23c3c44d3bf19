package com.bindflow.sandbox.wechat;

import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.ApiProblem;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox only: WeChat's authorization page as the customer sees it ({@code GET}) and answers it ({@code POST
 * {"action": "APPROVE"|"DECLINE"|"ABANDON", "priority": 1..10}}). The URL is the one
 * {@link WeChatPay#requestAuthorization} returns.
 */
@RestController
@RequestMapping("/sandbox/wechat")
@SandboxOnly
public class SandboxWeChatController {

    private final SandboxWeChatPay wechat;

    public SandboxWeChatController(SandboxWeChatPay wechat) {
        this.wechat = wechat;
    }

    public record CustomerAnswer(String action, Integer priority) {
    }

    public record AuthorizationPage(String bindingId, String userId, String contractCode, String state, String contractId,
                                    Integer priority, Instant requestedAt, Instant updatedAt, List<String> actions) {

        static AuthorizationPage of(SandboxWeChatPay.Contract c) {
            List<String> actions = c.state() == SandboxWeChatPay.ContractState.PENDING
                    ? List.of("APPROVE", "DECLINE", "ABANDON") : List.of();
            return new AuthorizationPage(c.bindingId(), c.userId(), c.contractCode(), c.state().name(), c.contractId(),
                    c.priority(), c.requestedAt(), c.updatedAt(), actions);
        }
    }

    @GetMapping("/authorizations/{bindingId}")
    public AuthorizationPage page(@PathVariable String bindingId) {
        return AuthorizationPage.of(wechat.authorizationOfBinding(bindingId).orElseThrow(() -> ApiProblem.notFound(
                "NO_AUTHORIZATION_REQUEST", "WeChat has no authorization request for binding " + bindingId + ".")));
    }

    @PostMapping("/authorizations/{bindingId}")
    public AuthorizationPage answer(@PathVariable String bindingId, @RequestBody CustomerAnswer answer) {
        SandboxWeChatPay.CustomerAction action;
        if (answer.action() == null) {
            throw ApiProblem.badRequest("action", "action is required: APPROVE, DECLINE or ABANDON.");
        }
        try {
            action = SandboxWeChatPay.CustomerAction.valueOf(answer.action());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("action", "'" + answer.action() + "' is not APPROVE, DECLINE or ABANDON.");
        }
        return AuthorizationPage.of(wechat.customerActs(bindingId, action, answer.priority()));
    }

    /**
     * The customer asks to bind Baitiao in the WeChat wallet; WeChat notifies us (CONTRACT.BIND_REQUESTED) and we
     * start a WECHAT binding. The answer is WeChat's request; GET it again to see our grant or refusal.
     */
    @PostMapping("/wallet/{userId}/bind")
    public org.springframework.http.ResponseEntity<SandboxWeChatPay.BindRequest> bindInWallet(@PathVariable String userId) {
        SandboxWeChatPay.BindRequest request = wechat.customerRequestsBinding(userId);
        return org.springframework.http.ResponseEntity.status(org.springframework.http.HttpStatus.ACCEPTED)
                .location(java.net.URI.create("/sandbox/wechat/bind-requests/" + request.requestId())).body(request);
    }

    @GetMapping("/bind-requests/{requestId}")
    public SandboxWeChatPay.BindRequest bindRequest(@PathVariable String requestId) {
        return wechat.bindRequest(requestId).orElseThrow(() -> ApiProblem.notFound("NO_BIND_REQUEST",
                "WeChat has no binding request " + requestId + "."));
    }

    /** The customer gives up in the wallet before we answered (WeChat tells us nothing). */
    @PostMapping("/bind-requests/{requestId}/withdraw")
    public SandboxWeChatPay.BindRequest withdrawBindRequest(@PathVariable String requestId) {
        return wechat.customerWithdraws(requestId);
    }

    /** The customer ends the authorization in the WeChat wallet; WeChat notifies us (CONTRACT.TERMINATED). */
    @PostMapping("/contracts/{bindingId}/terminate")
    public AuthorizationPage terminateInWallet(@PathVariable String bindingId) {
        return AuthorizationPage.of(wechat.customerTerminates(bindingId));
    }
}
