package com.bindflow.overdue;

import com.bindflow.security.BindflowGroups;
import com.bindflow.shared.ApiProblem;
import com.bindflow.shared.Idempotency;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Overdue amounts of a customer's credit line: JD Finance reports them ({@code overdue-events}), the JD app repays them
 * ({@code repayments}). Both POSTs take an {@code Idempotency-Key}. The account view lists the cases.
 */
@RestController
@RequestMapping("/api/accounts/{userId}")
public class OverdueController {

    private final OverdueService overdues;

    public OverdueController(OverdueService overdues) {
        this.overdues = overdues;
    }

    /** {@code {"channel":"JD_APP"|"WECHAT","amountDue":"1000.00","dueDate":"2026-03-10"}}. */
    @PostMapping("/overdue-events")
    public ResponseEntity<OverdueView> report(@PathVariable String userId, @RequestHeader(Idempotency.HEADER) String key,
                                              @RequestBody OverdueService.Report report, Principal client,
                                              HttpServletRequest request) {
        if (!request.isUserInRole(BindflowGroups.JD_FINANCE)) {
            // an overdue freezes a whole credit line: only JD Finance's feed reports one, not the JD app
            throw new ApiProblem(HttpStatus.FORBIDDEN, "FORBIDDEN", "Only JD Finance (group "
                    + BindflowGroups.JD_FINANCE + ") reports overdue amounts.");
        }
        OverdueService.Reported reported = overdues.report(Idempotency.client(client), Idempotency.key(key), userId, report);
        OverdueView view = OverdueView.of(reported.overdue());
        return ResponseEntity.created(URI.create("/api/accounts/" + userId + "/overdues/" + view.id()))
                .header(Idempotency.REPLAYED_HEADER, Boolean.toString(reported.replayed())).body(view);
    }

    @GetMapping("/overdues/{overdueId}")
    public OverdueView overdue(@PathVariable String userId, @PathVariable String overdueId) {
        return OverdueView.of(overdues.overdue(userId, overdueId));
    }

    /** {@code {"overdueId","amount":"300.00"}}. */
    @PostMapping("/repayments")
    public ResponseEntity<RepaymentView> repay(@PathVariable String userId, @RequestHeader(Idempotency.HEADER) String key,
                                               @RequestBody OverdueService.Repay repay, Principal client) {
        OverdueService.Repaid repaid = overdues.repay(Idempotency.client(client), Idempotency.key(key), userId, repay);
        return ResponseEntity.created(URI.create("/api/accounts/" + userId + "/repayments/" + repaid.repayment().id()))
                .header(Idempotency.REPLAYED_HEADER, Boolean.toString(repaid.replayed()))
                .body(RepaymentView.of(repaid.repayment()));
    }

    @GetMapping("/repayments/{repaymentId}")
    public RepaymentView repayment(@PathVariable String userId, @PathVariable String repaymentId) {
        return RepaymentView.of(overdues.repayment(userId, repaymentId));
    }
}
