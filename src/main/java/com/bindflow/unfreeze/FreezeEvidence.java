package com.bindflow.unfreeze;

import java.util.List;

/**
 * What tripped a freeze, in lines a risk reviewer reads beside the customer's travel proof (the Unfreeze review form).
 * {@code evidenceRef} is the freeze's evidence reference: for a RISK freeze, the payment authorization that tripped it.
 *
 * <p>The default ({@link ReasonOnlyFreezeEvidence}) shows the freeze's reason text. The payments side, which stores
 * the authorizations, provides a richer bean (marked {@code @Primary}) listing the attempts themselves.
 */
public interface FreezeEvidence {

    /** Lines describing the evidence; never null. */
    List<String> describe(String userId, String evidenceRef);
}
