package io.liftoff.producer.internal.message;

/** Renders user values inside error messages so that they stay readable and bounded. */
public final class ErrorText {

    /** Long values are cut so that an error about a 4 MiB string does not flood the log. */
    private static final int MAX_SHOWN_CHARS = 64;

    private ErrorText() {}

    /**
     * Quotes a value for an error message: control characters become {@code \\uXXXX} escapes (the
     * property separators are otherwise invisible) and long values are shortened.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_SHOWN_CHARS) + 16);
        out.append('\'');
        int shown = Math.min(value.length(), MAX_SHOWN_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (shown < value.length()) {
            out.append("...");
        }
        out.append('\'');
        if (shown < value.length()) {
            out.append(" (").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
