package io.liftoff.producer.internal.remoting;

import io.netty.buffer.ByteBuf;

/**
 * Header names and values that repeat from answer to answer (the send answer's field names, queue
 * ids, the region, the trace switch), decoded to shared strings instead of a new string per answer
 * by both header codecs: an answer would otherwise allocate its names anew, as much as its values.
 */
final class SharedHeaderTexts {

    /** Decimals below this are shared: queue ids. */
    static final int NUMBERS = 256;

    private static final String[] NUMBER_TEXTS = new String[NUMBERS];

    /** The extFields names of the answers every send gets. */
    private static final String[] NAMES = {
        "msgId",
        "queueId",
        "queueOffset",
        "MSG_REGION",
        "TRACE_ON",
        "transactionId",
        "recallHandle",
        "batchUniqId"
    };

    /** Values other than numbers that every send answer of a broker repeats. */
    private static final String[] VALUES = {"DefaultRegion", "true", "false"};

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
     * The shared field name equal to the {@code length} bytes of {@code in} at {@code index}, or
     * {@code null} if those bytes are no name of a send answer.
     */
    static String name(ByteBuf in, int index, int length) {
        int known = indexOf(NAMES, in, index, length);
        return known >= 0 ? NAMES[known] : null;
    }

    /**
     * The shared value equal to the {@code length} bytes of {@code in} at {@code index}: a decimal
     * below {@link #NUMBERS} without leading zeros, or a value every answer repeats; {@code null}
     * for any other bytes.
     */
    static String value(ByteBuf in, int index, int length) {
        String number = number(in, index, length);
        if (number != null) {
            return number;
        }
        int known = indexOf(VALUES, in, index, length);
        return known >= 0 ? VALUES[known] : null;
    }

    /**
     * The index of the ASCII text in {@code texts} equal to the {@code length} bytes of {@code in}
     * at {@code index}, or -1.
     */
    static int indexOf(String[] texts, ByteBuf in, int index, int length) {
        for (int i = 0; i < texts.length; i++) {
            if (sameText(texts[i], in, index, length)) {
                return i;
            }
        }
        return -1;
    }

    private static String number(ByteBuf in, int index, int length) {
        if (length == 0 || length > 3 || (length > 1 && in.getByte(index) == '0')) {
            return null;
        }
        int value = 0;
        for (int i = 0; i < length; i++) {
            int digit = in.getByte(index + i) - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            value = value * 10 + digit;
        }
        return value < NUMBERS ? NUMBER_TEXTS[value] : null;
    }

    private static boolean sameText(String text, ByteBuf in, int index, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != in.getByte(index + i)) {
                return false;
            }
        }
        return true;
    }
}
