package io.liftoff.producer.internal.message;

/** Counts UTF-8 bytes without encoding, for size checks on the send path. */
public final class Utf8 {

    private Utf8() {}

    /**
     * The length of {@code value.getBytes(UTF_8)}: a valid surrogate pair takes 4 bytes and a lone
     * surrogate 1, because the encoder replaces it with {@code '?'}.
     */
    public static long length(String value) {
        long bytes = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < length
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
