package io.liftoff.spring.observation;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.MessageQueue;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.SendEvent;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.SendStatus;
import io.liftoff.producer.message.Message;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ObservationSendHookTests {

    private static final String TRACEPARENT =
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final TestObservationRegistry registry = TestObservationRegistry.create();

    private final ObservationSendHook hook = new ObservationSendHook(this.registry, null);

    @Test
    void sendShouldBeObservedWithMessagingKeys() {
        Message sent = this.hook.beforeSend(message("orders"));
        this.hook.onSuccess(event(sent), result("MSG-1"));

        assertThat(this.registry)
                .hasObservationWithNameEqualTo("rocketmq.producer.publish")
                .that()
                .hasBeenStarted()
                .hasBeenStopped()
                .hasContextualNameEqualTo("orders publish")
                .hasLowCardinalityKeyValue("messaging.system", "rocketmq")
                .hasLowCardinalityKeyValue("messaging.destination.name", "orders")
                .hasLowCardinalityKeyValue("messaging.operation", "publish")
                .hasHighCardinalityKeyValue("messaging.message.id", "MSG-1")
                .doesNotHaveError();
        assertThat(this.hook.inFlight()).isZero();
    }

    @Test
    void failedSendShouldBeObservedWithItsError() {
        IllegalStateException failure = new IllegalStateException("broker down");
        Message sent = this.hook.beforeSend(message("orders"));
        this.hook.onFailure(event(sent), failure);

        assertThat(this.registry)
                .hasObservationWithNameEqualTo("rocketmq.producer.publish")
                .that()
                .hasBeenStopped()
                .hasError(failure);
        assertThat(this.hook.inFlight()).isZero();
    }

    @Test
    void sendShouldCarryWhatPropagatingHandlersWriteAsMessageProperties() {
        this.registry.observationConfig().observationHandler(new TraceparentWriter());
        Message original = message("orders");

        Message sent = this.hook.beforeSend(original);
        this.hook.onSuccess(event(sent), null);

        assertThat(sent.properties()).containsEntry("traceparent", TRACEPARENT);
        assertThat(sent.topic()).isEqualTo("orders");
        assertThat(sent.body()).isEqualTo(original.body());
        assertThat(original.properties()).doesNotContainKey("traceparent");
    }

    @Test
    void sendShouldBeAChildOfTheCurrentObservation() {
        Observation parent = Observation.start("http.server.requests", this.registry);
        Message sent;
        try (Observation.Scope scope = parent.openScope()) {
            sent = this.hook.beforeSend(message("orders"));
        }
        this.hook.onSuccess(event(sent), null);
        parent.stop();

        assertThat(this.registry)
                .hasObservationWithNameEqualTo("rocketmq.producer.publish")
                .that()
                .hasParentObservationEqualTo(parent);
    }

    @Test
    void equalMessagesShouldBeObservedApart() {
        Message first = this.hook.beforeSend(message("orders"));
        Message second = this.hook.beforeSend(message("orders"));
        assertThat(first).isEqualTo(second).isNotSameAs(second);

        this.hook.onSuccess(event(first), null);

        assertThat(this.hook.inFlight()).isOne();
        this.hook.onSuccess(event(second), null);
        assertThat(this.hook.inFlight()).isZero();
        assertThat(this.registry)
                .hasNumberOfObservationsWithNameEqualTo("rocketmq.producer.publish", 2);
    }

    @Test
    void conventionShouldReplaceTheDefaultNamesAndKeys() {
        ProducerObservationConvention convention =
                new DefaultProducerObservationConvention() {
                    @Override
                    public KeyValues getLowCardinalityKeyValues(ProducerSendContext context) {
                        return super.getLowCardinalityKeyValues(context).and("team", "payments");
                    }
                };
        ObservationSendHook custom = new ObservationSendHook(this.registry, convention);

        custom.onSuccess(event(custom.beforeSend(message("orders"))), null);

        assertThat(this.registry)
                .hasObservationWithNameEqualTo("rocketmq.producer.publish")
                .that()
                .hasLowCardinalityKeyValue("team", "payments");
    }

    @Test
    void withoutHandlersTheMessageShouldPassUnchanged() {
        ObservationSendHook noop = new ObservationSendHook(ObservationRegistry.create(), null);
        Message message = message("orders");

        Message sent = noop.beforeSend(message);
        noop.onSuccess(event(sent), null);

        assertThat(sent).isSameAs(message);
        assertThat(noop.inFlight()).isZero();
    }

    @Test
    void addToShouldMakeTheHookTheLastInterceptorAndAListener() {
        ProducerConfig config =
                this.hook
                        .addTo(
                                ProducerConfig.builder()
                                        .nameServer("127.0.0.1:9876")
                                        .group("g")
                                        .interceptor((message) -> message))
                        .build();

        assertThat(config.interceptors()).hasSize(2).last().isSameAs(this.hook);
        assertThat(config.listeners()).containsExactly(this.hook);
    }

    private static Message message(String topic) {
        return Message.builder(topic).body("order 1").build();
    }

    private static SendEvent event(Message sent) {
        return new SendEvent(sent, Duration.ofMillis(3), 1);
    }

    private static SendResult result(String messageId) {
        return new SendResult(
                SendStatus.SEND_OK,
                messageId,
                "OFFSET-1",
                new MessageQueue("orders", "broker-a", 0),
                0,
                null,
                "DefaultRegion",
                null);
    }

    /** Writes a trace header the way Micrometer Tracing's propagating sender handler does. */
    static final class TraceparentWriter implements ObservationHandler<SenderContext<?>> {

        @Override
        public void onStart(SenderContext<?> context) {
            write(context);
        }

        private static <C> void write(SenderContext<C> context) {
            context.getSetter().set(context.getCarrier(), "traceparent", TRACEPARENT);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof SenderContext;
        }
    }
}
