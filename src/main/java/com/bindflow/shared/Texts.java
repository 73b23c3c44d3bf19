package com.bindflow.shared;

/** Text to fit a column. */
public final class Texts {

    private Texts() {
    }

    /** The first {@code max} characters of {@code s} (null stays null). */
    public static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
