package io.liftoff.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.liftoff.producer.SendEvent;
import io.liftoff.producer.SendTimeoutException;
import io.liftoff.producer.message.Message;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendMetricsListenerTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final SendMetricsListener listener =
            new SendMetricsListener(this.registry, "orders-producer");

    @Test
    void createWhenGroupIsNullShouldThrow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SendMetricsListener(this.registry, null))
                .withMessageContaining("'group' must not be null");
    }

    @Test
    void onSuccessShouldTimeTheSendTaggedWithTopicOutcomeAndGroup() {
        this.listener.onSuccess(event("orders", 25, 1), null);
        this.listener.onSuccess(event("orders", 15, 1), null);

        Timer timer =
                this.registry
                        .get("rocketmq.producer.send")
                        .tags(
                                "topic", "orders",
                                "outcome", "success",
                                "exception", "none",
                                "group", "orders-producer")
                        .timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
        assertThat(this.registry.find("rocketmq.producer.retries").counter()).isNull();
    }

    @Test
    void onFailureShouldTagTheExceptionBySimpleName() {
        this.listener.onFailure(
                event("orders", 3000, 3),
                new SendTimeoutException("late", Duration.ofSeconds(3), null));

        Timer timer =
                this.registry
                        .get("rocketmq.producer.send")
                        .tags("outcome", "failure", "exception", "SendTimeoutException")
                        .timer();
        assertThat(timer.count()).isEqualTo(1);
    }

    @Test
    void onFailureWithAnonymousExceptionShouldTagItsClassName() {
        this.listener.onFailure(event("orders", 1, 1), new IllegalStateException("x") {});

        assertThat(this.registry.get("rocketmq.producer.send").timer().getId().getTag("exception"))
                .isEqualTo(getClass().getName() + "$1");
    }

    @Test
    void retriedSendsShouldCountTheAttemptsAfterTheFirst() {
        this.listener.onSuccess(event("orders", 10, 3), null);
        this.listener.onFailure(event("orders", 10, 2), new IllegalStateException("down"));
        this.listener.onSuccess(event("audit", 10, 1), null);

        assertThat(
                        this.registry
                                .get("rocketmq.producer.retries")
                                .tags("topic", "orders", "group", "orders-producer")
                                .counter()
                                .count())
                .isEqualTo(3);
        assertThat(this.registry.find("rocketmq.producer.retries").tag("topic", "audit").counter())
                .isNull();
    }

    private static SendEvent event(String topic, long elapsedMillis, int attempts) {
        return new SendEvent(
                Message.builder(topic).body("x").build(),
                Duration.ofMillis(elapsedMillis),
                attempts);
    }
}
