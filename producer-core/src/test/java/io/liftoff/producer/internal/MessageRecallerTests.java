package io.liftoff.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.BrokerRejectedException;
import io.liftoff.producer.HeaderSerialization;
import io.liftoff.producer.internal.protocol.RecallHandle;
import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.protocol.TopicRouteData;
import io.liftoff.producer.internal.protocol.TopicRouteData.BrokerData;
import io.liftoff.producer.internal.protocol.TopicRouteData.QueueData;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.internal.remoting.FakeServer;
import io.liftoff.producer.internal.remoting.RemotingClient;
import io.liftoff.producer.internal.remoting.RemotingOptions;
import io.liftoff.producer.internal.route.PublishSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Recall against a scripted broker, for the answers a real broker gives only under load: a broker
 * that sheds load is asked again within the recall's time, any other refusal is the outcome.
 */
class MessageRecallerTests {

    private static final String TOPIC = "recall-topic";
    private static final String MESSAGE_ID = "7F0000010001";
    private static final String HANDLE =
            Base64.getUrlEncoder()
                    .encodeToString(
                            ("v1 " + TOPIC + " broker-a 1700000000000 " + MESSAGE_ID)
                                    .getBytes(StandardCharsets.UTF_8));

    private final RemotingClient remoting =
            new RemotingClient(RemotingOptions.builder().threadNamePrefix("recall-test").build());
    private final List<Boolean> traced = new ArrayList<>();
    private FakeServer broker;

    @AfterEach
    void close() {
        remoting.close();
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void recallShouldBeAskedAgainWhileTheBrokerShedsLoad() {
        AtomicInteger busyAnswersLeft = new AtomicInteger(3);
        broker =
                FakeServer.start(
                        HeaderSerialization.JSON,
                        (client, request) -> {
                            Command answer =
                                    busyAnswersLeft.getAndDecrement() > 0
                                            ? busy()
                                            : Command.response(
                                                    ResponseCode.SUCCESS,
                                                    null,
                                                    Map.of("msgId", MESSAGE_ID),
                                                    null);
                            FakeServer.reply(client, request, answer);
                        });

        String recalled = recaller(Duration.ofSeconds(10)).recall(TOPIC, HANDLE);

        assertThat(recalled).isEqualTo(MESSAGE_ID);
        assertThat(broker.receivedCount()).isEqualTo(4);
        // only the answer the caller sees is traced
        assertThat(traced).containsExactly(true);
    }

    @Test
    void recallShouldFailWithTheBusyAnswerWhenTheBrokerShedsLoadPastTheTimeout() {
        broker =
                FakeServer.start(
                        HeaderSerialization.JSON,
                        (client, request) -> FakeServer.reply(client, request, busy()));

        assertThatThrownBy(() -> recaller(Duration.ofMillis(300)).recall(TOPIC, HANDLE))
                .isInstanceOfSatisfying(
                        BrokerRejectedException.class,
                        e -> assertThat(e.responseCode()).isEqualTo(ResponseCode.SYSTEM_BUSY))
                .hasMessageContaining("recall of message '" + MESSAGE_ID + "'")
                .hasMessageContaining("TIMEOUT_CLEAN_QUEUE");
        assertThat(broker.receivedCount()).isGreaterThan(1);
        assertThat(traced).containsExactly(false);
    }

    @Test
    void recallShouldNotBeRepeatedWhenTheBrokerRefusesForAnotherReason() throws Exception {
        broker =
                FakeServer.start(
                        HeaderSerialization.JSON,
                        (client, request) ->
                                FakeServer.reply(
                                        client,
                                        request,
                                        Command.response(
                                                604, "timestamp invalid", Map.of(), null)));

        assertThatThrownBy(() -> recaller(Duration.ofSeconds(10)).recall(TOPIC, HANDLE))
                .isInstanceOfSatisfying(
                        BrokerRejectedException.class,
                        e -> assertThat(e.responseCode()).isEqualTo(604))
                .hasMessageContaining("timestamp invalid");
        assertThat(broker.take().code()).isEqualTo(RequestCode.RECALL_MESSAGE);
        assertThat(broker.receivedCount()).isEqualTo(1);
    }

    /** The answer of a broker whose send queue is too long. */
    private static Command busy() {
        return Command.response(
                ResponseCode.SYSTEM_BUSY, "[TIMEOUT_CLEAN_QUEUE]broker busy", Map.of(), null);
    }

    private MessageRecaller recaller(Duration timeout) {
        TopicRouteData route =
                new TopicRouteData(
                        List.of(new QueueData("broker-a", 4, 4, 6, 0)),
                        List.of(new BrokerData("c", "broker-a", Map.of(0L, broker.address()))),
                        null);
        PublishSnapshot snapshot = PublishSnapshot.of(TOPIC, route);
        assertThat(RecallHandle.decode(HANDLE).brokerName()).isEqualTo("broker-a");
        return new MessageRecaller(
                remoting,
                topic -> snapshot,
                CallbackExecutor.of(Runnable::run, "recall-test"),
                "recall-group",
                timeout,
                () -> {},
                (topic, handle, region, recalled) -> {
                    synchronized (traced) {
                        traced.add(recalled);
                    }
                });
    }
}
