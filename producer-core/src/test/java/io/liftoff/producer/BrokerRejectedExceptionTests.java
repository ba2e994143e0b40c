package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrokerRejectedExceptionTests {

    private static final String SEND = "send to topic 'orders'";

    @Test
    void messageWhenBrokerOrTopicIsReadOnlyShouldSayHowToRestoreWrites() {
        // the remarks of a 5.3.3 broker with brokerPermission=4 and of a topic with perm 4
        for (String remark :
                new String[] {
                    "the broker[127.0.0.1] sending message is forbidden",
                    "the topic[orders] sending message is forbidden"
                }) {
            assertThat(new BrokerRejectedException(SEND, "127.0.0.1:10911", 16, remark))
                    .hasMessageStartingWith(
                            SEND
                                    + " rejected by broker 127.0.0.1:10911: NO_PERMISSION (16) "
                                    + remark)
                    .hasMessageContaining("read-only there", "brokerPermission -v 6");
        }
    }

    @Test
    void messageWhenRefusedForAnotherReasonShouldGiveNoReadOnlyHint() {
        assertThat(new BrokerRejectedException(SEND, "b:1", 16, "orders-app is not found"))
                .hasMessageNotContaining("read-only");
        assertThat(new BrokerRejectedException(SEND, "b:1", 13, "message body is empty"))
                .hasMessageNotContaining("read-only");
        assertThat(new BrokerRejectedException(SEND, "b:1", 16, null))
                .hasMessageNotContaining("read-only");
    }
}
