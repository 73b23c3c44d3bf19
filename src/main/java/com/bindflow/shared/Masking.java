package com.bindflow.shared;

/**
 * Masks personal data before it enters process variables, forms or logs (脱敏): reviewers see enough to
 * recognise a person, never the whole identifier.
 */
public final class Masking {

    private Masking() {
    }

    /** "张伟" → "*伟", "欧阳娜娜" → "***娜": only the last character stays. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int last = name.offsetByCodePoints(0, name.codePointCount(0, name.length()) - 1);
        return "*".repeat(name.codePointCount(0, last)) + name.substring(last);
    }

    /** "110101199003074518" → "110***********4518": the region's first 3 digits and the last 4 stay. */
    public static String idNumber(String id) {
        return keep(id, 3, 4);
    }

    /** "13800138000" → "138****8000". */
    public static String phone(String phone) {
        return keep(phone, 3, 4);
    }

    private static String keep(String value, int head, int tail) {
        if (value == null || value.length() <= head + tail) {
            return value == null ? null : "*".repeat(value.length());
        }
        return value.substring(0, head) + "*".repeat(value.length() - head - tail) + value.substring(value.length() - tail);
    }
}
