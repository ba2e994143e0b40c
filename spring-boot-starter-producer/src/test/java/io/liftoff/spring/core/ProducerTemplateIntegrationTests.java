package io.liftoff.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.SendResult;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import io.liftoff.spring.autoconfigure.ProducerTemplateAutoConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The auto-configured template against a real RocketMQ broker, with the official consumer as the
 * oracle of what was stored.
 */
@ExtendWith(EmbeddedRocketMQExtension.class)
class ProducerTemplateIntegrationTests {

    private static final String TOPIC = "template-it";

    record Order(String orderId, int amount) {}

    @BeforeAll
    static void createTopic(EmbeddedRocketMQ rocketmq) {
        rocketmq.createTopic(TOPIC, 2);
    }

    @Test
    void sendShouldStoreConvertedPayloadsWithMappedHeaders(EmbeddedRocketMQ rocketmq)
            throws Exception {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(
                                LiftoffProducerAutoConfiguration.class,
                                ProducerTemplateAutoConfiguration.class))
                .withPropertyValues(
                        "rocketmq.name-server=" + rocketmq.nameServerAddress(),
                        "rocketmq.producer.group=template-it-producer")
                .run(
                        (context) -> {
                            ProducerOperations template = context.getBean(ProducerOperations.class);
                            template.send(TOPIC + ":text", "héllo");
                            template.send(TOPIC + ":bytes", new byte[] {0, 1, 2, (byte) 0xff});
                            template.send(TOPIC + ":json", new Order("o-1", 5));
                            template.send(
                                    TOPIC,
                                    MessageBuilder.withPayload("with headers")
                                            .setHeader(RocketMQHeaders.TAGS, "headers")
                                            .setHeader(
                                                    RocketMQHeaders.KEYS,
                                                    List.of("order-1", "customer-7"))
                                            .setHeader("region", "eu")
                                            .setHeader("attempt", 3)
                                            .build());
                            SendResult async = template.sendAsync(TOPIC + ":async", "later").join();
                            assertThat(async.queue().topic()).isEqualTo(TOPIC);
                        });

        Map<String, MessageExt> byTag =
                OfficialConsumer.readAll(
                                rocketmq.nameServerAddress(), TOPIC, 5, Duration.ofSeconds(60))
                        .stream()
                        .collect(Collectors.toMap(MessageExt::getTags, Function.identity()));

        assertThat(byTag).containsOnlyKeys("text", "bytes", "json", "headers", "async");
        assertThat(text(byTag.get("text"))).isEqualTo("héllo");
        assertThat(byTag.get("bytes").getBody()).containsExactly(0, 1, 2, (byte) 0xff);
        assertThat(text(byTag.get("json"))).isEqualTo("{\"orderId\":\"o-1\",\"amount\":5}");
        assertThat(text(byTag.get("async"))).isEqualTo("later");
        MessageExt withHeaders = byTag.get("headers");
        assertThat(text(withHeaders)).isEqualTo("with headers");
        assertThat(withHeaders.getKeys()).isEqualTo("order-1 customer-7");
        assertThat(withHeaders.getUserProperty("region")).isEqualTo("eu");
        assertThat(withHeaders.getUserProperty("attempt")).isEqualTo("3");
        assertThat(withHeaders.getProperties())
                .doesNotContainKeys(
                        "id",
                        "timestamp",
                        "contentType",
                        RocketMQHeaders.KEYS,
                        RocketMQHeaders.TAGS);
    }

    private static String text(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }
}
