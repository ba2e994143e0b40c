package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.rocketmq.common.UtilAll;
import org.junit.jupiter.api.Test;

class BodyDecompressorTests {

    private static final byte[] BODY =
            "hello hello hello hello hello hello".repeat(100).getBytes(StandardCharsets.UTF_8);

    @Test
    void decompressShouldInflateWhatOfficialClientCompressed() throws Exception {
        byte[] compressed = UtilAll.compress(BODY, 5);

        assertThat(BodyDecompressor.decompress(compressed, 0x301)).isEqualTo(BODY);
    }

    @Test
    void decompressWhenTypeZeroShouldInflateAsZlibLikeOldSenders() throws Exception {
        byte[] compressed = UtilAll.compress(BODY, 9);

        assertThat(BodyDecompressor.decompress(compressed, MessageSysFlag.COMPRESSED))
                .isEqualTo(BODY);
    }

    @Test
    void decompressWhenNotFlaggedShouldReturnTheSameArray() {
        byte[] body = {1, 2, 3};

        assertThat(BodyDecompressor.decompress(body, MessageSysFlag.ZLIB_TYPE)).isSameAs(body);
    }

    @Test
    void decompressWhenLargeBodyShouldInflateAllOfIt() throws Exception {
        byte[] large = new byte[3 * 1024 * 1024];
        Arrays.fill(large, (byte) 'a');

        assertThat(BodyDecompressor.decompress(UtilAll.compress(large, 5), 0x301)).isEqualTo(large);
    }

    @Test
    void decompressWhenLz4OrZstdShouldSaySoAndPointAtZlib() {
        assertThatThrownBy(() -> BodyDecompressor.decompress(new byte[] {1}, 0x101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compressed with LZ4 (sysFlag 0x101)")
                .hasMessageContaining("only zlib");
        assertThatThrownBy(() -> BodyDecompressor.decompress(new byte[] {1}, 0x201))
                .hasMessageContaining("compressed with Zstandard (sysFlag 0x201)");
        assertThatThrownBy(() -> BodyDecompressor.decompress(new byte[] {1}, 0x401))
                .hasMessageContaining("unknown compression type 4");
    }

    @Test
    void decompressWhenTruncatedShouldSaySo() throws Exception {
        byte[] compressed = UtilAll.compress(BODY, 5);
        byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);

        assertThatThrownBy(() -> BodyDecompressor.decompress(truncated, 0x301))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends before its zlib stream does");
    }

    @Test
    void decompressWhenNotZlibShouldSaySo() {
        assertThatThrownBy(() -> BodyDecompressor.decompress(BODY, 0x301))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a zlib stream");
    }

    @Test
    void decompressWhenNullShouldNameTheArgument() {
        assertThatThrownBy(() -> BodyDecompressor.decompress(null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("body must not be null");
    }
}
