package com.bindflow.shared;

/** Text to fit a column, or a message. */
public final class Texts {

    private Texts() {
    }

    /** The first {@code max} characters of {@code s} (null stays null). */
    public static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** At most 80 characters of {@code s} for a message, "..." marking a cut. */
    public static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
