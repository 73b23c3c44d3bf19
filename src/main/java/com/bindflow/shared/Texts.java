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
        String shown = visible(s);
        return shown.length() <= 80 ? shown : shown.substring(0, 77) + "...";
    }

    /**
     * The index of the first control character of {@code s} (U+0000–U+001F, U+007F–U+009F: NUL, which PostgreSQL
     * refuses in text, line breaks, tabs, escapes), or -1.
     */
    public static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code s} with every control character shown as U+FFFD, for a message. */
    public static String visible(String s) {
        StringBuilder shown = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            shown.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) ? '\uFFFD' : c);
        }
        return shown.toString();
    }
}
