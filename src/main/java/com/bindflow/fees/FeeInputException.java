package com.bindflow.fees;

/**
 * A quote's input the fee engine refuses, naming the field to blame (the REST layer answers 400 with it, see
 * {@link FeeInputProblems}). Plain Java: the engine's core knows no web framework.
 */
public class FeeInputException extends IllegalArgumentException {

    private final String field;

    public FeeInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new FeeInputException(field, field + " is required.");
        }
        return value;
    }
}
