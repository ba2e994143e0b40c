package io.liftoff.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.liftoff.producer.SendResult;
import io.liftoff.producer.TransactionSendResult;
import io.liftoff.producer.TransactionState;
import io.liftoff.producer.message.DeliveryTime;
import io.liftoff.producer.message.Message;
import io.liftoff.spring.core.RecordingProducer.Mode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.messaging.support.MessageBuilder;

class ProducerTemplateTests {

    private final RecordingProducer producer = new RecordingProducer();

    private final ProducerTemplate template =
            new ProducerTemplate(
                    this.producer,
                    new CompositeMessageConverter(
                            List.of(
                                    new ByteArrayMessageConverter(),
                                    new StringMessageConverter(),
                                    new JacksonJsonMessageConverter())));

    record Order(String orderId, int amount) {}

    @Test
    void sendStringShouldSendItAsUtf8() {
        SendResult result = this.template.send("orders", "héllo");

        Message sent = this.producer.single().message();
        assertThat(sent.topic()).isEqualTo("orders");
        assertThat(sent.tags()).isNull();
        assertThat(body(sent)).isEqualTo("héllo");
        assertThat(result.messageId()).isEqualTo("ID-1");
    }

    @Test
    void sendAndReceiveShouldSendTheRequestAndConvertTheReply() {
        this.producer.replyWith(
                "{\"orderId\":\"o-9\",\"amount\":3}".getBytes(StandardCharsets.UTF_8));

        Order reply =
                this.template.sendAndReceive(
                        "quotes:eur", new Order("o-1", 1), Order.class, Duration.ofSeconds(1));
        String text =
                this.template.sendAndReceive("quotes", "ping", String.class, Duration.ofSeconds(1));

        assertThat(reply).isEqualTo(new Order("o-9", 3));
        assertThat(text).isEqualTo("{\"orderId\":\"o-9\",\"amount\":3}");
        assertThat(this.producer.sent().get(0).mode()).isEqualTo(Mode.REQUEST);
        assertThat(this.producer.sent().get(0).message().tags()).isEqualTo("eur");
    }

    @Test
    void sendBytesShouldSendThemAsIs() {
        byte[] bytes = {0, 1, 2, (byte) 0xff};

        this.template.send("orders", bytes);

        assertThat(this.producer.single().message().body()).isEqualTo(bytes);
    }

    @Test
    void sendBytesShouldCopyThemSoThatTheCallerMayReuseTheArray() {
        byte[] bytes = {1, 2, 3};

        this.template.send("orders", bytes);
        bytes[0] = 9;

        assertThat(this.producer.single().message().body()).containsExactly(1, 2, 3);
    }

    @Test
    void sendObjectShouldSendItAsJson() {
        this.template.send("orders", new Order("o-1", 5));

        assertThat(body(this.producer.single().message()))
                .isEqualTo("{\"orderId\":\"o-1\",\"amount\":5}");
    }

    @Test
    void sendWithTagInDestinationShouldSetTag() {
        this.template.send("orders:created", "x");

        Message sent = this.producer.single().message();
        assertThat(sent.topic()).isEqualTo("orders");
        assertThat(sent.tags()).isEqualTo("created");
    }

    @Test
    void sendSpringMessageShouldMapHeadersAndConvertPayload() {
        org.springframework.messaging.Message<Order> message =
                MessageBuilder.withPayload(new Order("o-2", 7))
                        .setHeader(RocketMQHeaders.KEYS, List.of("o-2", "c-9"))
                        .setHeader(RocketMQHeaders.TAGS, "paid")
                        .setHeader("region", "eu")
                        .build();

        this.template.send("orders", message);

        Message sent = this.producer.single().message();
        assertThat(sent.tags()).isEqualTo("paid");
        assertThat(sent.keys()).containsExactly("o-2", "c-9");
        assertThat(sent.properties()).containsExactly(java.util.Map.entry("region", "eu"));
        assertThat(body(sent)).isEqualTo("{\"orderId\":\"o-2\",\"amount\":7}");
    }

    @Test
    void sendSpringMessageTypedAsObjectShouldMapItsHeadersToo() {
        Object payload = MessageBuilder.withPayload("x").setHeader("region", "eu").build();

        this.template.send("orders", payload);

        Message sent = this.producer.single().message();
        assertThat(sent.properties()).containsOnlyKeys("region");
        assertThat(body(sent)).isEqualTo("x");
    }

    @Test
    void sendAsyncShouldSendWithoutWaiting() {
        CompletableFuture<SendResult> result =
                this.template.sendAsync("orders", new GenericMessage<>("x"));

        assertThat(result).isCompleted();
        assertThat(this.producer.single().mode()).isEqualTo(Mode.ASYNC);
    }

    @Test
    void sendOnewayShouldSendOneway() {
        this.template.sendOneway("orders", "x");

        assertThat(this.producer.single().mode()).isEqualTo(Mode.ONEWAY);
    }

    @Test
    void sendOnewaySpringMessageShouldSendOneway() {
        this.template.sendOneway("orders", new GenericMessage<>("x"));

        assertThat(this.producer.single().mode()).isEqualTo(Mode.ONEWAY);
    }

    @Test
    void sendOrderlyShouldSetShardingKeyOverHeader() {
        this.template.sendOrderly(
                "orders",
                MessageBuilder.withPayload("x")
                        .setHeader(RocketMQHeaders.SHARDING_KEY, "c-1")
                        .build(),
                "c-7");

        assertThat(this.producer.single().message().shardingKey()).isEqualTo("c-7");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void sendOrderlyWithoutShardingKeyShouldThrowSayingHowToSendUnordered(String shardingKey) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> this.template.sendOrderly("orders", "x", shardingKey))
                .withMessage("'shardingKey' must not be empty; call send() for an unordered send");
        assertThat(this.producer.sent()).isEmpty();
    }

    @Test
    void sendDelayedWithLevelShouldReplaceDelayOfHeaders() {
        this.template.sendDelayed(
                "orders",
                MessageBuilder.withPayload("x")
                        .setHeader(RocketMQHeaders.DELIVER_AFTER, Duration.ofSeconds(5))
                        .build(),
                3);

        Message sent = this.producer.single().message();
        assertThat(sent.delayLevel()).isEqualTo(3);
        assertThat(sent.deliveryTime()).isNull();
    }

    @Test
    void sendDelayedWithDurationShouldReplaceDelayLevelOfHeaders() {
        this.template.sendDelayed(
                "orders",
                MessageBuilder.withPayload("x").setHeader(RocketMQHeaders.DELAY_LEVEL, 2).build(),
                Duration.ofMinutes(10));

        Message sent = this.producer.single().message();
        assertThat(sent.delayLevel()).isZero();
        assertThat(sent.deliveryTime()).isEqualTo(DeliveryTime.after(Duration.ofMinutes(10)));
    }

    @Test
    void sendDelayedWithInstantShouldDeliverAtIt() {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");

        this.template.sendDelayed("orders", "x", at);

        assertThat(this.producer.single().message().deliveryTime()).isEqualTo(DeliveryTime.at(at));
    }

    @Test
    void sendBatchShouldConvertEveryPayload() {
        List<SendResult> results =
                this.template.sendBatch(
                        "orders:created",
                        List.of(
                                "a",
                                new Order("o-3", 1),
                                MessageBuilder.withPayload("c")
                                        .setHeader(RocketMQHeaders.KEYS, "k")
                                        .build()));

        assertThat(results).hasSize(3);
        assertThat(this.producer.sent())
                .extracting(RecordingProducer.Sent::mode)
                .containsOnly(Mode.BATCH);
        assertThat(this.producer.sent())
                .extracting((sent) -> body(sent.message()))
                .containsExactly("a", "{\"orderId\":\"o-3\",\"amount\":1}", "c");
        assertThat(this.producer.sent().get(2).message().keys()).containsExactly("k");
        assertThat(this.producer.sent())
                .extracting((sent) -> sent.message().tags())
                .containsOnly("created");
    }

    @Test
    void sendInTransactionShouldRunLocalTransactionWithArgument() {
        List<Object> seen = new ArrayList<>();

        TransactionSendResult result =
                this.template.sendInTransaction(
                        "orders",
                        "x",
                        (message, arg) -> {
                            seen.add(body(message));
                            seen.add(arg);
                            return TransactionState.COMMIT;
                        },
                        "order-42");

        assertThat(seen).containsExactly("x", "order-42");
        assertThat(result.state()).isEqualTo(TransactionState.COMMIT);
        assertThat(this.producer.single().mode()).isEqualTo(Mode.TRANSACTION);
    }

    @Test
    void sendWithMalformedDestinationShouldThrowAndSendNothing() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> this.template.send("a:b:c", "x"))
                .withMessageContaining("more than one ':'");
        assertThat(this.producer.sent()).isEmpty();
    }

    @Test
    void sendNullPayloadShouldThrow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> this.template.send("orders", (Object) null))
                .withMessage("'payload' must not be null");
    }

    @Test
    void sendObjectWithoutJsonConverterShouldExplainWhatToAdd() {
        ProducerTemplate withoutJson =
                new ProducerTemplate(
                        this.producer,
                        new CompositeMessageConverter(
                                List.of(
                                        new ByteArrayMessageConverter(),
                                        new StringMessageConverter())));

        assertThatExceptionOfType(MessageConversionException.class)
                .isThrownBy(() -> withoutJson.send("orders", new Order("o-1", 1)))
                .withMessageContaining(
                        "No converter for a payload of type " + Order.class.getName())
                .withMessageContaining("tools.jackson.core:jackson-databind");
        assertThat(this.producer.sent()).isEmpty();
    }

    @Test
    void sendWithConverterProducingOtherThanBytesShouldThrow() {
        MessageConverter toInteger =
                new MessageConverter() {
                    @Override
                    public Object fromMessage(
                            org.springframework.messaging.Message<?> message,
                            Class<?> targetClass) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public org.springframework.messaging.Message<?> toMessage(
                            Object payload, org.springframework.messaging.MessageHeaders headers) {
                        return new GenericMessage<>(42);
                    }
                };
        ProducerTemplate template = new ProducerTemplate(this.producer, toInteger);

        assertThatExceptionOfType(MessageConversionException.class)
                .isThrownBy(() -> template.send("orders", "x"))
                .withMessageContaining(
                        "into a java.lang.Integer; it must produce a byte[] or a String");
    }

    @Test
    void sendWithConverterProducingStringShouldSendItAsUtf8() {
        MessageConverter toText =
                new StringMessageConverter() {
                    {
                        setSerializedPayloadClass(String.class);
                    }
                };
        new ProducerTemplate(this.producer, toText).send("orders", "ünïcode");

        assertThat(body(this.producer.single().message())).isEqualTo("ünïcode");
    }

    private static String body(Message message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }
}
