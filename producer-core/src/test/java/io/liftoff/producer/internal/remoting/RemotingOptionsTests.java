package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.liftoff.producer.HeaderSerialization;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RemotingOptionsTests {

    @Test
    void defaultsShouldMatchTheDocumentedValues() {
        RemotingOptions options = RemotingOptions.defaults();

        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.maxFrameLength()).isEqualTo(16_777_216);
        assertThat(options.headerSerialization()).isEqualTo(HeaderSerialization.ROCKETMQ);
        assertThat(options.protocolVersion()).isEqualTo(479);
        assertThat(options.ioThreads()).isEqualTo(1);
        assertThat(options.threadNamePrefix()).isEqualTo("liftoff-remoting");
    }

    @Test
    void toBuilderShouldCopyEveryValue() {
        RemotingOptions options =
                RemotingOptions.builder()
                        .connectTimeout(Duration.ofMillis(500))
                        .maxFrameLength(1024)
                        .headerSerialization(HeaderSerialization.JSON)
                        .protocolVersion(409)
                        .ioThreads(2)
                        .threadNamePrefix("x")
                        .build();

        RemotingOptions copy = options.toBuilder().build();

        assertThat(copy).isEqualTo(options).hasSameHashCodeAs(options);
        assertThat(copy).isNotEqualTo(RemotingOptions.defaults());
        assertThat(options.toBuilder().ioThreads(3).build().ioThreads()).isEqualTo(3);
    }

    @Test
    void builderWhenValueIsInvalidShouldSayWhatIsWrong() {
        RemotingOptions.Builder builder = RemotingOptions.builder();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.connectTimeout(Duration.ZERO))
                .withMessage("connectTimeout must be positive, but was PT0S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.connectTimeout(null))
                .withMessage("connectTimeout must not be null");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.maxFrameLength(7))
                .withMessage("maxFrameLength must be at least 8 bytes, but was 7");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.protocolVersion(40_000))
                .withMessage("protocolVersion must be between 0 and 32767, but was 40000");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.ioThreads(0))
                .withMessage("ioThreads must be at least 1, but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.threadNamePrefix(" "))
                .withMessage("threadNamePrefix must not be blank, but was ' '");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> builder.headerSerialization(null))
                .withMessage("headerSerialization must not be null");
    }

    @Test
    void headerSerializationFromCodeShouldMapWireCodes() {
        assertThat(HeaderSerialization.fromCode(0)).isEqualTo(HeaderSerialization.JSON);
        assertThat(HeaderSerialization.fromCode(1)).isEqualTo(HeaderSerialization.ROCKETMQ);
        assertThat(HeaderSerialization.ROCKETMQ.code()).isEqualTo(1);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HeaderSerialization.fromCode(2))
                .withMessageContaining("code 2 is unknown");
    }
}
