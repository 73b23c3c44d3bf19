package com.bindflow.eligibility;

import com.bindflow.calendar.WorkingDayCalendar;
import com.bindflow.credit.BaitiaoAccount;
import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.identity.IdentityVerification;
import com.bindflow.wechat.WalletFacts;
import com.bindflow.wechat.WeChatWallets;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * Eligibility (SPEC.md §1): gathers the facts from JD Finance, the identity check and WeChat Pay, and decides
 * with the decision table. Reads only: every call may be repeated safely.
 */
@Service
public class EligibilityService {

    /** Review SLA: the review is due this many working days after it opens. */
    public static final int REVIEW_WORKING_DAYS = 3;

    private final JdFinanceAccounts accounts;
    private final IdentityVerification identity;
    private final WeChatWallets wallets;
    private final EligibilityRules rules;
    private final WorkingDayCalendar workingDays;
    private final Clock clock;

    public EligibilityService(JdFinanceAccounts accounts, IdentityVerification identity, WeChatWallets wallets,
                              EligibilityRules rules, WorkingDayCalendar workingDays, Clock clock) {
        this.accounts = accounts;
        this.identity = identity;
        this.wallets = wallets;
        this.rules = rules;
        this.workingDays = workingDays;
        this.clock = clock;
    }

    public BaitiaoAccount account(String userId) {
        return accounts.find(userId)
                .orElseThrow(() -> new IllegalStateException("JD Finance no longer knows user " + userId));
    }

    /** Whether the account's real name and ID number agree with public-security data. */
    public IdentityVerification.Result verifyIdentity(String userId) {
        BaitiaoAccount account = account(userId);
        return identity.verify(account.realName(), account.idNumber());
    }

    public WalletFacts wallet(String userId) {
        return wallets.walletOf(userId);
    }

    public Verdict decide(EligibilityFacts facts) {
        return rules.decide(facts);
    }

    /** When a review opened now is due: 3 working days later, at the same time of day. */
    public Instant reviewDueFrom(Instant openedAt) {
        return workingDays.plusWorkingDays(openedAt, REVIEW_WORKING_DAYS);
    }

    public Instant now() {
        return clock.instant();
    }
}
