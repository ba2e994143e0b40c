package io.liftoff.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.liftoff.producer.message.Message;
import io.liftoff.spring.core.RecordingProducer.Mode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.core.MessageSendingOperations;
import org.springframework.messaging.support.MessageBuilder;

/** {@link ProducerTemplate} as Spring's {@link MessageSendingOperations}. */
class ProducerTemplateMessagingTests {

    private final RecordingProducer producer = new RecordingProducer();

    private final ProducerTemplate template =
            new ProducerTemplate(
                    this.producer,
                    new CompositeMessageConverter(
                            List.of(
                                    new ByteArrayMessageConverter(),
                                    new StringMessageConverter(),
                                    new JacksonJsonMessageConverter())));

    private final MessageSendingOperations<String> operations = this.template;

    record Order(String orderId, int amount) {}

    @Test
    void sendWithDestinationShouldSendSynchronouslyWithMappedHeaders() {
        this.operations.send(
                "orders:created",
                MessageBuilder.withPayload("hello")
                        .setHeader(RocketMQHeaders.KEYS, "o-1")
                        .setHeader("region", "eu")
                        .build());

        RecordingProducer.Sent sent = this.producer.single();
        assertThat(sent.mode()).isEqualTo(Mode.SYNC);
        assertThat(sent.message().topic()).isEqualTo("orders");
        assertThat(sent.message().tags()).isEqualTo("created");
        assertThat(sent.message().keys()).containsExactly("o-1");
        assertThat(sent.message().properties()).containsExactly(Map.entry("region", "eu"));
        assertThat(body(sent.message())).isEqualTo("hello");
    }

    @Test
    void sendWithoutDestinationShouldUseTheDefaultDestination() {
        this.template.setDefaultDestination("orders:paid");

        this.operations.send(MessageBuilder.withPayload("x").build());

        assertThat(this.producer.single().message().topic()).isEqualTo("orders");
        assertThat(this.producer.single().message().tags()).isEqualTo("paid");
    }

    @Test
    void sendWithoutDestinationOrDefaultShouldFailAndSendNothing() {
        assertThatIllegalStateException()
                .isThrownBy(() -> this.operations.send(MessageBuilder.withPayload("x").build()))
                .withMessageContaining("No 'defaultDestination' configured");
        assertThat(this.producer.sent()).isEmpty();
    }

    @Test
    void convertAndSendShouldConvertThePayloadToJson() {
        this.operations.convertAndSend("orders", new Order("o-1", 5));

        RecordingProducer.Sent sent = this.producer.single();
        assertThat(sent.mode()).isEqualTo(Mode.SYNC);
        assertThat(body(sent.message())).isEqualTo("{\"orderId\":\"o-1\",\"amount\":5}");
        assertThat(sent.message().properties())
                .as("Spring's contentType header is not a user property")
                .isEmpty();
    }

    @Test
    void convertAndSendWithHeadersShouldMapThem() {
        this.operations.convertAndSend(
                "orders",
                "x",
                Map.of(
                        RocketMQHeaders.KEYS,
                        "o-7",
                        RocketMQHeaders.DELAY_LEVEL,
                        3,
                        "region",
                        "eu"));

        Message sent = this.producer.single().message();
        assertThat(sent.keys()).containsExactly("o-7");
        assertThat(sent.delayLevel()).isEqualTo(3);
        assertThat(sent.properties()).containsExactly(Map.entry("region", "eu"));
    }

    @Test
    void convertAndSendWithPostProcessorShouldSendWhatItReturns() {
        this.operations.convertAndSend(
                "orders",
                "x",
                Map.of("region", "eu"),
                (message) ->
                        MessageBuilder.fromMessage(message)
                                .setHeader(RocketMQHeaders.SHARDING_KEY, "c-1")
                                .build());

        Message sent = this.producer.single().message();
        assertThat(sent.shardingKey()).isEqualTo("c-1");
        assertThat(sent.properties()).containsExactly(Map.entry("region", "eu"));
    }

    @Test
    void convertAndSendWithoutDestinationShouldUseTheDefaultDestination() {
        this.template.setDefaultDestination("reminders");

        this.operations.convertAndSend(new byte[] {1, 2});

        assertThat(this.producer.single().message().topic()).isEqualTo("reminders");
        assertThat(this.producer.single().message().body()).containsExactly(1, 2);
    }

    private static String body(Message message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }
}
