package com.bindflow.fees;

import com.bindflow.shared.ApiProblem;
import java.util.function.Supplier;

/** A quote's input the fee engine refuses, naming the field to blame (the REST layer answers 400 with it). */
public class FeeInputException extends IllegalArgumentException {

    private final String field;

    public FeeInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** Runs a check or quote of the fee engine; a refused input becomes a 400 naming the field. */
    public static <T> T asBadRequest(Supplier<T> call) {
        try {
            return call.get();
        } catch (FeeInputException e) {
            throw ApiProblem.badRequest(e.field(), e.getMessage());
        }
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new FeeInputException(field, field + " is required.");
        }
        return value;
    }
}
