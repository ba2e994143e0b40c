package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Tests {

    @Test
    void lengthShouldEqualEncodedLengthForEveryKindOfChar() {
        String[] samples = {
            "", "ascii", "é", "日本", "😀", "\ud83d", "\ude00x", "a\ud83d\ude00b\ud83d", "\u0000"
        };
        for (String sample : samples) {
            assertThat(Utf8.length(sample))
                    .as("UTF-8 length of %s", sample)
                    .isEqualTo(sample.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void lengthWhenRandomCharsShouldEqualEncodedLength() {
        Random random = new Random(42);
        char[] alphabet = {'a', '\u00e9', '\u65e5', '\ud83d', '\ude00', '\u07ff', '\u0800'};
        for (int round = 0; round < 2_000; round++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String value = new String(chars);

            assertThat(Utf8.length(value)).isEqualTo(value.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
