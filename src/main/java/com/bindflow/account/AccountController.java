package com.bindflow.account;

import com.bindflow.credit.AvailableCredit;
import com.bindflow.credit.BaitiaoAccount;
import com.bindflow.credit.CreditExposure;
import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.freeze.CreditLineFreeze;
import com.bindflow.freeze.CreditLineFreezeService;
import com.bindflow.freeze.FreezeCause;
import com.bindflow.overdue.OverdueCase;
import com.bindflow.overdue.OverdueService;
import com.bindflow.overdue.OverdueView;
import com.bindflow.unfreeze.UnfreezeCase;
import com.bindflow.unfreeze.UnfreezeService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's credit line account, read side: credit, exposure, freezes, the Unfreeze review and the overdue cases
 * in one answer. The travel proofs themselves are {@link com.bindflow.unfreeze.UnfreezeController}'s.
 */
@RestController
@RequestMapping("/api/accounts/{userId}")
public class AccountController {

    private final JdFinanceAccounts accounts;
    private final CreditExposure exposure;
    private final AvailableCredit availableCredit;
    private final CreditLineFreezeService freezes;
    private final UnfreezeService unfreeze;
    private final OverdueService overdues;

    public AccountController(JdFinanceAccounts accounts, CreditExposure exposure, AvailableCredit availableCredit,
                             CreditLineFreezeService freezes, UnfreezeService unfreeze, OverdueService overdues) {
        this.accounts = accounts;
        this.exposure = exposure;
        this.availableCredit = availableCredit;
        this.freezes = freezes;
        this.unfreeze = unfreeze;
        this.overdues = overdues;
    }

    @GetMapping
    public AccountView get(@PathVariable String userId) {
        BaitiaoAccount account = accounts.find(userId).orElseThrow(() -> JdFinanceAccounts.unknownUser(userId));
        List<CreditLineFreeze> active = freezes.active(userId);
        Optional<UnfreezeCase> latest = unfreeze.latestCase(userId);
        AccountView.UnfreezeReview review = latest.map(c -> AccountView.UnfreezeReview.of(c,
                unfreeze.latestRequest(c.id()).orElse(null))).orElse(null);
        boolean mayPropose = active.stream().anyMatch(f -> f.cause() == FreezeCause.RISK)
                && (review == null || review.state() != UnfreezeCase.State.UNDER_REVIEW
                && review.state() != UnfreezeCase.State.APPROVED);
        List<OverdueView> overdue = overdues.casesOf(userId).stream().map(OverdueView::of).toList();
        List<String> nextSteps = new ArrayList<>();
        if (mayPropose) {
            nextSteps.add("POST /api/accounts/{userId}/unfreeze-requests");
        }
        if (overdue.stream().anyMatch(o -> o.state() == OverdueCase.State.OPEN)) {
            nextSteps.add("POST /api/accounts/{userId}/repayments");
        }
        return new AccountView(userId, new AccountView.Credit(account.creditLimit(), availableCredit.of(account)),
                exposure.of(userId).map(AccountView.Exposure::of).orElse(null), !active.isEmpty(),
                active.stream().map(AccountView.Freeze::of).toList(), review, overdue, nextSteps);
    }
}
