package io.liftoff.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.rocketmq.common.producer.RecallMessageHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecallHandleTests {

    @Test
    void decodeShouldReadWhatTheOfficialBrokerBuilds() {
        String handle =
                RecallMessageHandle.HandleV1.buildHandle(
                        "orders", "broker-b", "1700000010000", "FD00AB12");

        assertThat(RecallHandle.decode(handle))
                .isEqualTo(new RecallHandle("orders", "broker-b", 1_700_000_010_000L, "FD00AB12"));
    }

    @Test
    void decodeWhenHandleHasExtraFieldsShouldIgnoreThemAsTheBrokerDoes() throws Exception {
        String handle = encode("v1 orders broker-b 1700000010000 FD00AB12 future-field");

        RecallHandle ours = RecallHandle.decode(handle);
        RecallMessageHandle.HandleV1 official =
                (RecallMessageHandle.HandleV1) RecallMessageHandle.decodeHandle(handle);

        assertThat(ours.brokerName()).isEqualTo(official.getBrokerName());
        assertThat(ours.messageId()).isEqualTo(official.getMessageId());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v2 orders broker-b 1700000010000 FD00AB12",
                "v1 orders broker-b 1700000010000",
                "v1",
                " "
            })
    void decodeWhenTheOfficialDecoderRejectsTheTextShouldRejectItToo(String text) {
        String handle = encode(text);

        Throwable official = catchThrowable(() -> RecallMessageHandle.decodeHandle(handle));

        assertThat(official).isNotNull();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RecallHandle.decode(handle))
                .withMessageContaining("recallHandle '" + handle + "'");
    }

    @Test
    void decodeWhenNotBase64ShouldNameTheHandle() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RecallHandle.decode("not a handle!"))
                .withMessageContaining("recallHandle 'not a handle!' is malformed")
                .withMessageContaining("not URL-safe Base64");
    }

    @Test
    void decodeWhenDeliveryTimeIsNotANumberShouldSaySo() {
        String handle = encode("v1 orders broker-b soon FD00AB12");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> RecallHandle.decode(handle))
                .withMessageContaining("delivery time 'soon' is not a number");
    }

    @Test
    void decodeWhenAFieldIsEmptyShouldRejectIt() {
        String handle = encode("v1 orders  1700000010000 FD00AB12");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> RecallHandle.decode(handle))
                .withMessageContaining("empty field");
    }

    @Test
    void decodeWhenNullOrBlankShouldSayWhatToPass() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RecallHandle.decode(null))
                .withMessage(
                        "recallHandle must not be null; pass SendResult.recallHandle() of a timer"
                                + " message sent to a 5.3.2+ broker");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RecallHandle.decode("  "))
                .withMessageStartingWith("recallHandle must not be blank");
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
