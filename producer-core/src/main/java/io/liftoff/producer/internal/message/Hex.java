package io.liftoff.producer.internal.message;

import java.nio.charset.StandardCharsets;

/**
 * Uppercase hex, as RocketMQ writes message ids. Digits are written as Latin-1 bytes, the form a
 * String of them takes inside the JVM, so that making the String costs one copy and no char[].
 */
final class Hex {

    private static final byte[] DIGITS = "0123456789ABCDEF".getBytes(StandardCharsets.ISO_8859_1);

    private Hex() {}

    /** Writes the low {@code bytes} bytes of {@code value}, big-endian, as 2 digits per byte. */
    static void write(byte[] out, int offset, long value, int bytes) {
        for (int i = bytes * 2 - 1; i >= 0; i--) {
            out[offset + i] = DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /** Encodes bytes as uppercase hex. */
    static String encode(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            write(out, i * 2, bytes[i], 1);
        }
        return latin1(out);
    }

    /** The String of hex digits written by {@link #write}. */
    static String latin1(byte[] digits) {
        return new String(digits, StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes hex of either case.
     *
     * @param argument names the value in the error message
     * @throws IllegalArgumentException if the length is odd or a character is not a hex digit
     */
    static byte[] decode(String hex, String argument) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException(
                    argument
                            + " "
                            + ErrorText.quote(hex)
                            + " has an odd number of hex digits; pass the whole id");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (digit(hex, i * 2, argument) << 4 | digit(hex, i * 2 + 1, argument));
        }
        return out;
    }

    private static int digit(String hex, int index, String argument) {
        int digit = Character.digit(hex.charAt(index), 16);
        // Character.digit also accepts non-ASCII digits such as '\uff10'; ids are plain ASCII.
        if (digit < 0 || hex.charAt(index) > 'f') {
            throw new IllegalArgumentException(
                    String.format(
                            "%s %s has %s at index %d but only hex digits 0-9 and A-F are"
                                    + " allowed; pass the id exactly as RocketMQ printed it",
                            argument,
                            ErrorText.quote(hex),
                            ErrorText.quote(String.valueOf(hex.charAt(index))),
                            index));
        }
        return digit;
    }
}
