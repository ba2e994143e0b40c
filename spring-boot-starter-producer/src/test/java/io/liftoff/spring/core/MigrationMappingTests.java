package io.liftoff.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Producer;
import io.liftoff.producer.QueueSelector;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.TransactionSendResult;
import io.liftoff.producer.TransactionState;
import io.liftoff.producer.message.DeliveryTime;
import io.liftoff.producer.message.Message;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.autoconfigure.ProducerConfigCustomizer;
import io.liftoff.spring.autoconfigure.ProducerTemplateAutoConfiguration;
import io.liftoff.spring.core.RecordingProducer.Mode;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.support.MessageBuilder;

/**
 * One test per row of the table in docs/migration.md, each named after the row's {@code
 * RocketMQTemplate} method: what the {@link ProducerTemplate} call it maps to hands the producer.
 */
class MigrationMappingTests {

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

    private final Order order = new Order("o-1", 5);

    @Test
    void syncSend() {
        SendResult result = this.template.send("orders:created", this.order);
        SendResult ofMessage =
                this.template.send(
                        "orders", (Object) MessageBuilder.withPayload(this.order).build());

        assertThat(result.messageId()).isEqualTo("ID-1");
        assertThat(ofMessage.messageId()).isEqualTo("ID-2");
        assertThat(this.producer.sent())
                .extracting(RecordingProducer.Sent::mode)
                .containsOnly(Mode.SYNC);
        assertThat(json(this.producer.sent().get(0).message()))
                .isEqualTo("{\"orderId\":\"o-1\",\"amount\":5}");
    }

    @Test
    void syncSendWithTimeout() {
        // the budget is the producer's send-message-timeout
        this.template.send("orders", this.order);

        assertThat(this.producer.single().mode()).isEqualTo(Mode.SYNC);
        assertThat(this.template.getProducer().config().sendTimeout())
                .isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void syncSendWithDelayLevel() {
        this.template.sendDelayed("reminders", "x", 3);

        assertThat(this.producer.single().message().delayLevel()).isEqualTo(3);
    }

    @Test
    void syncSendBatch() {
        List<SendResult> results = this.template.sendBatch("orders", List.of("a", "b", "c"));

        assertThat(results).hasSize(3);
        assertThat(this.producer.sent())
                .extracting((sent) -> json(sent.message()))
                .containsExactly("a", "b", "c");
        assertThat(this.producer.sent().get(0).mode()).isEqualTo(Mode.BATCH);
    }

    @Test
    void syncSendDelayTimeSeconds() {
        this.template.sendDelayed("reminders", "x", Duration.ofSeconds(600));

        assertThat(this.producer.single().message().deliveryTime())
                .isEqualTo(DeliveryTime.after(Duration.ofSeconds(600)));
    }

    @Test
    void syncSendDelayTimeMills() {
        this.template.sendDelayed("reminders", "x", Duration.ofMillis(1500));

        assertThat(this.producer.single().message().deliveryTime())
                .isEqualTo(DeliveryTime.after(Duration.ofMillis(1500)));
    }

    @Test
    void syncSendDeliverTimeMills() {
        long epochMillis = Instant.now().plusSeconds(60).toEpochMilli();

        this.template.sendDelayed("reminders", "x", Instant.ofEpochMilli(epochMillis));

        assertThat(this.producer.single().message().deliveryTime())
                .isEqualTo(DeliveryTime.at(Instant.ofEpochMilli(epochMillis)));
    }

    @Test
    void syncSendOrderly() {
        this.template.sendOrderly("orders", this.order, "c-7");

        assertThat(this.producer.single().message().shardingKey()).isEqualTo("c-7");
        assertThat(this.producer.single().mode()).isEqualTo(Mode.SYNC);
    }

    @Test
    void syncSendOrderlyWithDelayLevel() {
        this.template.sendOrderly(
                "orders",
                MessageBuilder.withPayload("x").setHeader(RocketMQHeaders.DELAY_LEVEL, 2).build(),
                "c-7");

        Message sent = this.producer.single().message();
        assertThat(sent.shardingKey()).isEqualTo("c-7");
        assertThat(sent.delayLevel()).isEqualTo(2);
    }

    @Test
    void syncSendOrderlyBatch() {
        // no ordered batch: one orderly send per message, in order
        List.of("a", "b").forEach((payload) -> this.template.sendOrderly("orders", payload, "c-7"));

        assertThat(this.producer.sent())
                .extracting((sent) -> json(sent.message()))
                .containsExactly("a", "b");
        assertThat(this.producer.sent())
                .extracting((sent) -> sent.message().shardingKey())
                .containsOnly("c-7");
    }

    @Test
    void asyncSend() {
        CompletableFuture<SendResult> future = this.template.sendAsync("orders", this.order);

        assertThat(future.join().messageId()).isEqualTo("ID-1");
        assertThat(this.producer.single().mode()).isEqualTo(Mode.ASYNC);
    }

    @Test
    void asyncSendWithDelayLevel() {
        this.template.sendAsync(
                "orders",
                MessageBuilder.withPayload("x").setHeader(RocketMQHeaders.DELAY_LEVEL, 4).build());

        assertThat(this.producer.single().mode()).isEqualTo(Mode.ASYNC);
        assertThat(this.producer.single().message().delayLevel()).isEqualTo(4);
    }

    @Test
    void asyncSendBatch() {
        List<SendResult> results = this.template.sendBatchAsync("orders", List.of("a", "b")).join();

        assertThat(results).hasSize(2);
        assertThat(this.producer.sent())
                .extracting(RecordingProducer.Sent::mode)
                .containsOnly(Mode.BATCH);
    }

    @Test
    void asyncSendOrderly() {
        this.template.sendAsync(
                "orders",
                MessageBuilder.withPayload("x")
                        .setHeader(RocketMQHeaders.SHARDING_KEY, "c-7")
                        .build());

        assertThat(this.producer.single().mode()).isEqualTo(Mode.ASYNC);
        assertThat(this.producer.single().message().shardingKey()).isEqualTo("c-7");
    }

    @Test
    void sendOneWay() {
        this.template.sendOneway("metrics", "x");

        assertThat(this.producer.single().mode()).isEqualTo(Mode.ONEWAY);
    }

    @Test
    void sendOneWayOrderly() {
        this.template.sendOneway(
                "metrics",
                MessageBuilder.withPayload("x")
                        .setHeader(RocketMQHeaders.SHARDING_KEY, "c-7")
                        .build());

        assertThat(this.producer.single().mode()).isEqualTo(Mode.ONEWAY);
        assertThat(this.producer.single().message().shardingKey()).isEqualTo("c-7");
    }

    @Test
    void sendMessageInTransaction() {
        TransactionSendResult result =
                this.template.sendInTransaction(
                        "orders",
                        this.order,
                        (message, arg) ->
                                "commit".equals(arg)
                                        ? TransactionState.COMMIT
                                        : TransactionState.ROLLBACK,
                        "commit");

        assertThat(result.state()).isEqualTo(TransactionState.COMMIT);
        assertThat(this.producer.single().mode()).isEqualTo(Mode.TRANSACTION);
    }

    @Test
    void sendAndReceive() {
        this.producer.replyWith(
                "{\"orderId\":\"o-2\",\"amount\":1}".getBytes(StandardCharsets.UTF_8));

        Order reply =
                this.template.sendAndReceive(
                        "quotes", this.order, Order.class, Duration.ofSeconds(3));

        assertThat(reply).isEqualTo(new Order("o-2", 1));
        assertThat(this.producer.single().mode()).isEqualTo(Mode.REQUEST);
    }

    @Test
    void sendAndReceiveWithHashKey() {
        this.producer.replyWith("ok".getBytes(StandardCharsets.UTF_8));

        this.template.sendAndReceive(
                "quotes",
                MessageBuilder.withPayload("x")
                        .setHeader(RocketMQHeaders.SHARDING_KEY, "c-7")
                        .build(),
                String.class,
                Duration.ofSeconds(3));

        assertThat(this.producer.single().message().shardingKey()).isEqualTo("c-7");
    }

    @Test
    void sendAndReceiveWithDelayLevel() {
        this.producer.replyWith("ok".getBytes(StandardCharsets.UTF_8));

        this.template.sendAndReceive(
                "quotes",
                MessageBuilder.withPayload("x").setHeader(RocketMQHeaders.DELAY_LEVEL, 2).build(),
                String.class,
                Duration.ofSeconds(3));

        assertThat(this.producer.single().message().delayLevel()).isEqualTo(2);
    }

    @Test
    void sendAndReceiveWithCallback() {
        this.producer.replyWith(
                "{\"orderId\":\"o-3\",\"amount\":2}".getBytes(StandardCharsets.UTF_8));

        CompletableFuture<Order> reply =
                this.template.sendAndReceiveAsync(
                        "quotes", this.order, Order.class, Duration.ofSeconds(3));

        assertThat(reply.join()).isEqualTo(new Order("o-3", 2));
        assertThat(this.producer.single().mode()).isEqualTo(Mode.REQUEST);
    }

    @Test
    void sendAndReceiveWithGenericType() {
        this.producer.replyWith("[1,2]".getBytes(StandardCharsets.UTF_8));

        String reply =
                this.template.sendAndReceive("quotes", "x", String.class, Duration.ofSeconds(3));

        assertThat(reply).isEqualTo("[1,2]");
    }

    @Test
    void sendAndConvertAndSend() {
        this.template.send("orders", MessageBuilder.withPayload("a").build());
        this.template.convertAndSend("orders", "b", Map.of(RocketMQHeaders.KEYS, "k"));
        this.template.setDefaultDestination("orders");
        this.template.send(MessageBuilder.withPayload("c").build());

        assertThat(this.producer.sent())
                .extracting((sent) -> json(sent.message()))
                .containsExactly("a", "b", "c");
        assertThat(this.producer.sent().get(1).message().keys()).containsExactly("k");
    }

    @Test
    void setMessageQueueSelector() {
        QueueSelector selector = (queues, message) -> queues.get(0);
        contextRunner()
                .withBean(
                        ProducerConfigCustomizer.class,
                        () -> (name, builder) -> builder.orderlyQueueSelector(selector))
                .run(
                        (context) ->
                                assertThat(
                                                context.getBean(Producer.class)
                                                        .config()
                                                        .orderlyQueueSelector())
                                        .isSameAs(selector));
    }

    @Test
    void setAsyncSenderExecutor() {
        Executor executor = Runnable::run;
        contextRunner()
                .withBean(
                        ProducerConfigCustomizer.class,
                        () -> (name, builder) -> builder.callbackExecutor(executor))
                .run(
                        (context) ->
                                assertThat(
                                                context.getBean(Producer.class)
                                                        .config()
                                                        .callbackExecutor())
                                        .isSameAs(executor));
    }

    @Test
    void setCharset() {
        this.template.send("orders", "héllo");
        this.template.send("orders", "héllo".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(this.producer.sent().get(0).message().body())
                .isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        assertThat(this.producer.sent().get(1).message().body())
                .isEqualTo("héllo".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void getProducer() {
        assertThat(this.template.getProducer()).isSameAs(this.producer);
    }

    @Test
    void extRocketMQTemplateConfiguration() {
        contextRunner()
                .withPropertyValues("rocketmq.producers.audit.group=audit-producer")
                .run(
                        (context) ->
                                assertThat(
                                                context.getBean(
                                                                "auditProducerTemplate",
                                                                ProducerTemplate.class)
                                                        .getProducer()
                                                        .config()
                                                        .group())
                                        .isEqualTo("audit-producer"));
    }

    @Test
    void receive() {
        assertThat(Arrays.stream(ProducerTemplate.class.getMethods()).map(Method::getName))
                .as("receiving is a consumer's job")
                .doesNotContain("receive");
    }

    private static ApplicationContextRunner contextRunner() {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(
                                LiftoffProducerAutoConfiguration.class,
                                ProducerTemplateAutoConfiguration.class))
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876",
                        "rocketmq.producer.group=orders-producer");
    }

    private static String json(Message message) {
        return new String(message.body(), StandardCharsets.UTF_8);
    }
}
