package com.bindflow.credit;

import com.bindflow.shared.ApiProblem;
import java.util.Optional;

/**
 * Port to JD Finance's account service (outside system). Throws
 * {@link com.bindflow.shared.OutsideSystemUnavailableException} on a technical failure.
 */
public interface JdFinanceAccounts {

    /** Whether JD knows this user at all (JD's customer directory, which answers even when accounts are slow). */
    boolean exists(String userId);

    /** The customer's account, or empty when JD Finance knows no such user. */
    Optional<BaitiaoAccount> find(String userId);

    /** The 404 of a user JD Finance does not know, naming {@code userId}. */
    static ApiProblem unknownUser(String userId) {
        return ApiProblem.notFound("UNKNOWN_USER", "JD Finance knows no user " + userId + ".").with("field", "userId");
    }
}
