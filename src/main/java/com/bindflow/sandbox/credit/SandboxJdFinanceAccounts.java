package com.bindflow.sandbox.credit;

import com.bindflow.credit.BaitiaoAccount;
import com.bindflow.credit.JdFinanceAccounts;
import com.bindflow.sandbox.Persona;
import com.bindflow.sandbox.PersonaDirectory;
import com.bindflow.sandbox.SandboxOnly;
import com.bindflow.shared.OutsideSystemUnavailableException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** JD Finance in sandbox mode: the account facts of the demo personas; a persona's fault makes it fail. */
@Component
@SandboxOnly
public class SandboxJdFinanceAccounts implements JdFinanceAccounts {

    static final String FAULT = "jdFinanceFacts";

    private final PersonaDirectory personas;

    public SandboxJdFinanceAccounts(PersonaDirectory personas) {
        this.personas = personas;
    }

    @Override
    public boolean exists(String userId) {
        return personas.find(userId).isPresent();
    }

    @Override
    public Optional<BaitiaoAccount> find(String userId) {
        return personas.find(userId).map(SandboxJdFinanceAccounts::toAccount);
    }

    private static BaitiaoAccount toAccount(Persona p) {
        if (p.failsAt(FAULT)) {
            throw new OutsideSystemUnavailableException("JD Finance", "account service timed out for " + p.userId());
        }
        Persona.Account a = p.account();
        return new BaitiaoAccount(p.userId(), p.realName(), p.idNumber(), p.phone(),
                BaitiaoAccount.AccountStatus.valueOf(a.status()), a.overdue(), a.accountClass(), a.enterprise(),
                a.cashOutHistory(), a.creditLimit(), a.availableCredit(), a.crossBorderPermission());
    }
}
