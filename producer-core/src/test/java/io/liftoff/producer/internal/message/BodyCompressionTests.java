package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.compression.CompressionType;
import org.apache.rocketmq.common.compression.CompressorFactory;
import org.apache.rocketmq.common.sysflag.MessageSysFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyCompressionTests {

    /** Compresses well: a JSON-like text repeated. */
    private static byte[] text(int length) {
        StringBuilder out = new StringBuilder(length + 64);
        for (int i = 0; out.length() < length; i++) {
            out.append("{\"order\":").append(i % 97).append(",\"state\":\"created\"}");
        }
        return out.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    /** Does not compress: random bytes. */
    private static byte[] noise(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    @Test
    void compressWhenAtThresholdShouldDeflateAndFlagZlib() throws Exception {
        byte[] body = text(4096);

        BodyCompression.Compressed compressed = BodyCompression.DEFAULT.compress(body);

        assertThat(compressed.isCompressed()).isTrue();
        assertThat(compressed.sysFlag())
                .isEqualTo(769)
                .isEqualTo(
                        MessageSysFlag.COMPRESSED_FLAG | CompressionType.ZLIB.getCompressionFlag());
        assertThat(compressed.bodyLength()).isLessThan(body.length);
        assertThat(UtilAll.uncompress(compressed.body())).isEqualTo(body);
        assertThat(MessageSysFlag.getCompressionType(compressed.sysFlag()))
                .isEqualTo(CompressionType.ZLIB);
    }

    @Test
    void compressWhenOneByteBelowThresholdShouldSendAsIs() {
        byte[] body = text(4095);

        BodyCompression.Compressed compressed = BodyCompression.DEFAULT.compress(body);

        assertThat(compressed.isCompressed()).isFalse();
        assertThat(compressed.sysFlag()).isZero();
        assertThat(compressed.body()).isEqualTo(body);
    }

    @Test
    void sendBodyShouldBeTheMessagesOwnArray() {
        Message message = Message.builder("t").body("hello").build();

        byte[] body = BodyCompression.sendBody(message);

        // the message's own array, so the frame encoder copies straight from it
        assertThat(body).isSameAs(BodyCompression.sendBody(message));
        assertThat(body).isEqualTo(message.body());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 9})
    void compressShouldProduceTheOfficialClientsBytesAtEachLevel(int level) throws Exception {
        byte[] body = text(100_000);

        BodyCompression.Compressed compressed = BodyCompression.zlib(0, level).compress(body);

        assertThat(compressed.body())
                .isEqualTo(UtilAll.compress(body, level))
                .isEqualTo(
                        CompressorFactory.getCompressor(CompressionType.ZLIB)
                                .compress(body, level));
        assertThat(
                        CompressorFactory.getCompressor(CompressionType.ZLIB)
                                .decompress(compressed.body()))
                .isEqualTo(body);
    }

    @Test
    void compressShouldHonourTheLevel() {
        byte[] body = text(200_000);

        int fastest = BodyCompression.zlib(0, 1).compress(body).bodyLength();
        int best = BodyCompression.zlib(0, 9).compress(body).bodyLength();

        assertThat(best).isLessThan(fastest);
    }

    @Test
    void compressWhenOutputWouldNotBeSmallerShouldSendOriginalUnflagged() {
        byte[] body = noise(10_000);

        BodyCompression.Compressed compressed = BodyCompression.DEFAULT.compress(body);

        assertThat(compressed.isCompressed()).isFalse();
        assertThat(compressed.sysFlag()).isZero();
        assertThat(compressed.body()).isEqualTo(body);
    }

    @Test
    void compressWhenLevelZeroShouldNeverShrinkSoSendAsIs() {
        BodyCompression.Compressed compressed = BodyCompression.zlib(0, 0).compress(text(5000));

        assertThat(compressed.isCompressed()).isFalse();
    }

    @Test
    void compressWhenOneByteBodyAndThresholdZeroShouldSendAsIs() {
        BodyCompression.Compressed compressed = BodyCompression.zlib(0, 5).compress(new byte[1]);

        assertThat(compressed.isCompressed()).isFalse();
        assertThat(compressed.body()).containsExactly(0);
    }

    @Test
    void compressWhenDisabledShouldNeverCompress() {
        BodyCompression disabled = BodyCompression.disabled();

        assertThat(disabled.isEnabled()).isFalse();
        assertThat(disabled.threshold()).isEqualTo(Integer.MAX_VALUE);
        assertThat(disabled.compress(text(1_000_000)).isCompressed()).isFalse();
        assertThat(disabled)
                .isSameAs(BodyCompression.disabled())
                .hasToString("BodyCompression{disabled}");
    }

    @Test
    void compressMessageShouldUseTheMessagesBodyAndRestoreIt() throws Exception {
        byte[] body = text(8192);
        Message message = Message.builder("t").body(body).build();

        BodyCompression.Compressed compressed = BodyCompression.DEFAULT.compress(message);
        BodyCompression.Compressed small =
                BodyCompression.DEFAULT.compress(Message.builder("t").body("tiny").build());

        assertThat(compressed.isCompressed()).isTrue();
        assertThat(UtilAll.uncompress(compressed.body())).isEqualTo(body);
        assertThat(small.isCompressed()).isFalse();
        assertThat(small.body()).isEqualTo("tiny".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void compressedShouldNotExposeItsBytesForWriting() {
        byte[] body = text(10);
        BodyCompression.Compressed compressed = BodyCompression.DEFAULT.compress(body);

        body[0] = 'X';
        compressed.body()[1] = 'X';
        ByteBuffer view = compressed.bodyBuffer();
        view.get();

        assertThat(compressed.body()).isEqualTo(text(10));
        assertThat(compressed.bodyBuffer().position()).isZero();
        assertThat(compressed.bodyBuffer().remaining()).isEqualTo(10);
        assertThatThrownBy(() -> view.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void defaultShouldMatchOfficialClientDefaults() {
        assertThat(BodyCompression.DEFAULT.threshold()).isEqualTo(4096);
        assertThat(BodyCompression.DEFAULT.level()).isEqualTo(5);
        assertThat(BodyCompression.DEFAULT.isEnabled()).isTrue();
        assertThat(BodyCompression.DEFAULT)
                .isEqualTo(BodyCompression.zlib(4096, 5))
                .hasSameHashCodeAs(BodyCompression.zlib(4096, 5))
                .isNotEqualTo(BodyCompression.zlib(4096, 6))
                .hasToString("BodyCompression{ZLIB, threshold=4096, level=5}");
    }

    @Test
    void zlibWhenArgumentsOutOfRangeShouldExplain() {
        assertThatThrownBy(() -> BodyCompression.zlib(-1, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold -1 must be 0..2147483646")
                .hasMessageContaining("BodyCompression.disabled()");
        assertThatThrownBy(() -> BodyCompression.zlib(Integer.MAX_VALUE, 5))
                .hasMessageContaining("threshold 2147483647");
        assertThatThrownBy(() -> BodyCompression.zlib(4096, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compressLevel 10 is out of range for ZLIB: set 0 to 9");
        assertThatThrownBy(() -> BodyCompression.zlib(4096, -1))
                .hasMessageContaining("compressLevel -1 is out of range for ZLIB: set 0 to 9");
    }

    @Test
    void compressWhenNullShouldNameTheArgument() {
        assertThatThrownBy(() -> BodyCompression.DEFAULT.compress((byte[]) null))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("body must not be null");
        assertThatThrownBy(() -> BodyCompression.DEFAULT.compress((Message) null))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("message must not be null");
    }

    @ParameterizedTest
    @CsvSource({
        "LZ4, 0, 4096",
        "LZ4, 0, 65537",
        "LZ4, 0, 300000",
        "LZ4, 9, 70000",
        "LZ4, 17, 2000000",
        "ZSTD, 1, 4096",
        "ZSTD, 5, 65537",
        "ZSTD, 22, 300000",
        "ZLIB, 9, 2000000"
    })
    void compressShouldWriteWhatTheOfficialClientReadsForEachType(
            String type, int level, int length) throws Exception {
        byte[] body = text(length);
        CompressionType official = CompressionType.of(type);

        BodyCompression.Compressed compressed =
                BodyCompression.of(io.liftoff.producer.CompressionType.valueOf(type), 0, level)
                        .compress(body);

        assertThat(compressed.isCompressed()).isTrue();
        assertThat(compressed.bodyLength()).isLessThan(body.length);
        assertThat(compressed.sysFlag())
                .isEqualTo(MessageSysFlag.COMPRESSED_FLAG | official.getCompressionFlag());
        assertThat(MessageSysFlag.getCompressionType(compressed.sysFlag())).isEqualTo(official);
        assertThat(CompressorFactory.getCompressor(official).decompress(compressed.body()))
                .isEqualTo(body);
    }

    @Test
    void sysFlagOfEachTypeShouldBeTheOfficialClients() {
        assertThat(sysFlagOf(io.liftoff.producer.CompressionType.ZLIB)).isEqualTo(0x301);
        assertThat(sysFlagOf(io.liftoff.producer.CompressionType.LZ4)).isEqualTo(0x101);
        assertThat(sysFlagOf(io.liftoff.producer.CompressionType.ZSTD)).isEqualTo(0x201);
    }

    private static int sysFlagOf(io.liftoff.producer.CompressionType type) {
        return BodyCompression.of(type, 0, BodyCodecs.defaultLevel(type))
                .compress(text(10_000))
                .sysFlag();
    }

    @Test
    void compressShouldHonourTheLevelOfLz4AndZstd() {
        byte[] body = noisyText(300_000);

        int lz4Fast = compressedLength(io.liftoff.producer.CompressionType.LZ4, 0, body);
        int lz4High = compressedLength(io.liftoff.producer.CompressionType.LZ4, 12, body);
        int zstdFast = compressedLength(io.liftoff.producer.CompressionType.ZSTD, 1, body);
        int zstdHigh = compressedLength(io.liftoff.producer.CompressionType.ZSTD, 19, body);

        assertThat(lz4High).isLessThan(lz4Fast);
        assertThat(zstdHigh).isLessThan(zstdFast);
    }

    private static int compressedLength(
            io.liftoff.producer.CompressionType type, int level, byte[] body) {
        return BodyCompression.of(type, 0, level).compress(body).bodyLength();
    }

    /** Text with random words: compresses, but less at a fast level than at a high one. */
    private static byte[] noisyText(int length) {
        Random random = new Random(7);
        StringBuilder out = new StringBuilder(length + 16);
        while (out.length() < length) {
            out.append("word")
                    .append(random.nextInt(5000))
                    .append(random.nextBoolean() ? ' ' : ',');
        }
        return out.substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(strings = {"LZ4", "ZSTD"})
    void compressWhenIncompressibleShouldSendAsIsWithEveryType(String type) {
        byte[] body = noise(100_000);

        BodyCompression.Compressed compressed =
                BodyCompression.of(io.liftoff.producer.CompressionType.valueOf(type), 0, 1)
                        .compress(body);

        assertThat(compressed.isCompressed()).isFalse();
        assertThat(compressed.sysFlag()).isZero();
        assertThat(compressed.body()).isEqualTo(body);
    }

    @Test
    void zlibLevelsShouldBeTheJdksDeflaterLevels() {
        assertThat(BodyCodecs.checkLevel(io.liftoff.producer.CompressionType.ZLIB, 0))
                .isEqualTo(Deflater.NO_COMPRESSION);
        assertThat(BodyCodecs.checkLevel(io.liftoff.producer.CompressionType.ZLIB, 9))
                .isEqualTo(Deflater.BEST_COMPRESSION);
    }
}
