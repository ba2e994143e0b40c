package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.producer.RecallMessageHandle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Recalling timer messages on the real 5.3.3 broker, read back with the official consumer. */
@ExtendWith(EmbeddedRocketMQExtension.class)
class RecallIntegrationTests {

    private static final String TIMERS = "recall-timers";
    // the recalls, made right after the sends, must be in before the messages are due: 10 s
    // leaves that margin to a loaded machine's pauses of several seconds
    private static final Duration DELAY = Duration.ofSeconds(10);

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void createTopics(EmbeddedRocketMQ cluster) {
        rocketmq = cluster;
        cluster.createTopic(TIMERS, 2);
    }

    @Test
    void recallShouldKeepTimerMessagesFromBeingDeliveredWhileOthersArrive() throws Exception {
        try (Producer producer = Producer.create(config("recall"))) {
            SendResult recalled = producer.send(timer("recalled"));
            SendResult recalledAsync = producer.send(timer("recalled-async"));
            SendResult kept = producer.send(timer("kept"));
            assertThat(recalled.recallHandle()).isNotNull();
            assertThat(recalledAsync.recallHandle()).isNotNull();

            assertThat(producer.recall(TIMERS, recalled.recallHandle()))
                    .isEqualTo(recalled.messageId());
            assertThat(
                            producer.recallAsync(TIMERS, recalledAsync.recallHandle())
                                    .get(30, TimeUnit.SECONDS))
                    .isEqualTo(recalledAsync.messageId());

            // All three were due at the same time (10 s after they were stored, on the timer's
            // 1 s precision): read until "kept" arrived, then as long as more come. The bound only
            // keeps a failure from hanging.
            List<MessageExt> received =
                    OfficialConsumer.readUntil(
                            rocketmq.nameServerAddress(),
                            TIMERS,
                            messages -> bodies(messages).contains("kept"),
                            Duration.ofSeconds(90));
            assertThat(bodies(received)).containsExactly("kept");
            // a few seconds more, from the start again, in which a recalled one would show: a
            // window in which the load can only let less arrive, never make one arrive wrongly
            assertThat(
                            bodies(
                                    OfficialConsumer.readAll(
                                            rocketmq.nameServerAddress(),
                                            TIMERS,
                                            2,
                                            Duration.ofSeconds(5))))
                    .doesNotContain("recalled", "recalled-async");

            // a delivered message is past recalling
            assertThatThrownBy(() -> producer.recall(TIMERS, kept.recallHandle()))
                    .isInstanceOfSatisfying(
                            BrokerRejectedException.class,
                            e -> {
                                assertThat(e.responseCode())
                                        .isEqualTo(ResponseCode.ILLEGAL_OPERATION);
                                assertThat(e.getMessage())
                                        .contains(kept.messageId())
                                        .contains("timestamp invalid");
                            });
        }
    }

    @Test
    void recallWithMalformedHandleShouldFailBeforeAnythingIsSent() {
        try (Producer producer = Producer.create(config("recall-malformed"))) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> producer.recall(TIMERS, "no-handle"))
                    .withMessageContaining("recallHandle 'no-handle' is malformed");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> producer.recallAsync(TIMERS, null))
                    .withMessageContaining("recallHandle must not be null");
        }
    }

    @Test
    void recallWithHandleOfAnotherTopicShouldFailBeforeAnythingIsSent() {
        String handle =
                RecallMessageHandle.HandleV1.buildHandle(
                        "other-topic", rocketmq.brokerName(), "1700000010000", "FD00");
        try (Producer producer = Producer.create(config("recall-other-topic"))) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> producer.recall(TIMERS, handle))
                    .withMessageContaining("sent to topic 'other-topic', not to '" + TIMERS + "'");
        }
    }

    @Test
    void recallWithHandleOfAnUnknownBrokerShouldNameTheBroker() {
        String handle =
                RecallMessageHandle.HandleV1.buildHandle(
                        TIMERS,
                        "no-such-broker",
                        Long.toString(System.currentTimeMillis() + 60_000),
                        "FD00");
        try (Producer producer = Producer.create(config("recall-unknown-broker"))) {
            assertThatThrownBy(() -> producer.recall(TIMERS, handle))
                    .isInstanceOf(ProducerException.class)
                    .hasMessageContaining("broker 'no-such-broker'");
        }
    }

    private static List<String> bodies(Collection<MessageExt> messages) {
        return messages.stream().map(m -> new String(m.getBody(), StandardCharsets.UTF_8)).toList();
    }

    private static Message timer(String body) {
        return Message.builder(TIMERS).deliverAfter(DELAY).body(body).build();
    }

    private static ProducerConfig config(String group) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .sendTimeout(Duration.ofSeconds(10))
                .build();
    }
}
