package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.message.Message;
import io.liftoff.producer.protocol.ResponseCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real broker with a send queue of one slot answers SYSTEM_BUSY under a burst; retries with
 * back-off get every message through where single attempts do not.
 */
class BusyBrokerIntegrationTests {

    private static final int BURST = 2_000;

    private static EmbeddedRocketMQ busy;

    @BeforeAll
    static void start() {
        busy =
                EmbeddedRocketMQ.builder()
                        .brokerProperty("sendMessageThreadPoolNums", "1")
                        .brokerProperty("sendThreadPoolQueueCapacity", "1")
                        .start();
        busy.createTopic("busy", 4);
    }

    @AfterAll
    static void stop() {
        busy.close();
    }

    @Test
    void sendAsyncWhenBrokerIsBusyShouldRetryWithBackOff() {
        assertThat(burst("single-attempt", 0))
                .as("the broker does answer SYSTEM_BUSY to single attempts")
                .contains(ResponseCode.SYSTEM_BUSY);
        assertThat(burst("retrying", 20)).as("failures with retries").isEmpty();
    }

    /** Sends a burst and returns the response codes of the sends that failed. */
    private static List<Integer> burst(String group, int retries) {
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(busy.nameServerAddress())
                        .group(group)
                        .retryTimesWhenSendAsyncFailed(retries)
                        .sendTimeout(Duration.ofSeconds(30))
                        .build();
        List<CompletableFuture<Integer>> codes = new ArrayList<>();
        try (Producer producer = Producer.create(config)) {
            for (int i = 0; i < BURST; i++) {
                codes.add(
                        producer.sendAsync(Message.builder("busy").body("m" + i).build())
                                .handle(
                                        (result, failure) ->
                                                failure == null ? null : codeOf(failure)));
            }
            List<Integer> failed = new ArrayList<>();
            codes.forEach(
                    code -> {
                        Integer value = code.join();
                        if (value != null) {
                            failed.add(value);
                        }
                    });
            return failed;
        }
    }

    private static int codeOf(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        return cause instanceof BrokerRejectedException rejected ? rejected.responseCode() : -1;
    }
}
