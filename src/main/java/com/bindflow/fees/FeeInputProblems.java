package com.bindflow.fees;

import com.bindflow.shared.ApiProblem;
import java.util.function.Supplier;

/** The web side of the fee engine's refusals: a {@link FeeInputException} becomes a 400 problem naming the field. */
public final class FeeInputProblems {

    private FeeInputProblems() {
    }

    /** Runs a check or quote of the fee engine; a refused input becomes a 400 naming the field. */
    public static <T> T asBadRequest(Supplier<T> call) {
        try {
            return call.get();
        } catch (FeeInputException e) {
            throw ApiProblem.badRequest(e.field(), e.getMessage());
        }
    }
}
