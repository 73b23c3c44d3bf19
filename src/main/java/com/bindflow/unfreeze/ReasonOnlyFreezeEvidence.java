package com.bindflow.unfreeze;

import com.bindflow.freeze.CreditLineFreeze;
import com.bindflow.freeze.CreditLineFreezeRepository;
import java.util.List;
import org.springframework.stereotype.Component;

/** The default {@link FreezeEvidence}: the reason text each freeze with that evidence was recorded with. */
@Component
public class ReasonOnlyFreezeEvidence implements FreezeEvidence {

    private final CreditLineFreezeRepository freezes;

    public ReasonOnlyFreezeEvidence(CreditLineFreezeRepository freezes) {
        this.freezes = freezes;
    }

    @Override
    public List<String> describe(String userId, String evidenceRef) {
        return freezes.findByEvidence(userId, evidenceRef).stream().map(CreditLineFreeze::reason).distinct().toList();
    }
}
