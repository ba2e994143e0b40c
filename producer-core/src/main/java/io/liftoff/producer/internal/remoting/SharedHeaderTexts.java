package io.liftoff.producer.internal.remoting;

import java.util.List;

/**
 * Header values that repeat from answer to answer (queue ids, the region, the trace switch),
 * decoded to shared strings instead of a new string per answer by both header codecs.
 */
final class SharedHeaderTexts {

    /** Values other than numbers that every send answer of a broker repeats. */
    static final List<String> VALUES = List.of("DefaultRegion", "true", "false");

    /** Decimals below this are shared: queue ids. */
    static final int NUMBERS = 256;

    private static final String[] NUMBER_TEXTS = new String[NUMBERS];

    static {
        for (int i = 0; i < NUMBERS; i++) {
            NUMBER_TEXTS[i] = Integer.toString(i);
        }
    }

    private SharedHeaderTexts() {}

    /** The shared text of {@code value}, which must be in {@code [0, NUMBERS)}. */
    static String number(int value) {
        return NUMBER_TEXTS[value];
    }

    /**
     * The shared string equal to {@code length} chars of {@code chars} from {@code offset}: a
     * decimal below {@link #NUMBERS} without leading zeros, or one of {@link #VALUES}; {@code null}
     * for any other text.
     */
    static String of(char[] chars, int offset, int length) {
        String number = number(chars, offset, length);
        if (number != null) {
            return number;
        }
        for (String value : VALUES) {
            if (sameText(value, chars, offset, length)) {
                return value;
            }
        }
        return null;
    }

    private static String number(char[] chars, int offset, int length) {
        if (length == 0 || length > 3 || (length > 1 && chars[offset] == '0')) {
            return null;
        }
        int value = 0;
        for (int i = 0; i < length; i++) {
            int digit = chars[offset + i] - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            value = value * 10 + digit;
        }
        return value < NUMBERS ? NUMBER_TEXTS[value] : null;
    }

    private static boolean sameText(String value, char[] chars, int offset, int length) {
        if (value.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
