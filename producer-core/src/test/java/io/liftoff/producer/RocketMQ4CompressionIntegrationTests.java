package io.liftoff.producer;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check of {@link CompressionIntegrationTests} against the official RocketMQ 4.9.7 NameServer
 * and Broker, which store the compression bits as sent.
 */
class RocketMQ4CompressionIntegrationTests {

    private static final String TOPIC = "v4-compressed-bodies";

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void start() {
        rocketmq =
                EmbeddedRocketMQ.builder()
                        .serverClasspathFile(
                                Path.of(System.getProperty("liftoff.rocketmq4.classpath")))
                        .start();
        rocketmq.createTopic(TOPIC, 2);
    }

    @AfterAll
    static void stop() {
        rocketmq.close();
    }

    @Test
    void officialConsumerShouldReadEveryCompressedBodyBack() throws Exception {
        CompressedSends sends = CompressedSends.sendEveryType(rocketmq.nameServerAddress(), TOPIC);

        // the push consumer: the lite pull one cannot read 4.9 (see RocketMQ4SendIntegrationTests)
        sends.assertReadBackUnchanged(
                OfficialConsumer.pushAll(
                        rocketmq.nameServerAddress(),
                        TOPIC,
                        sends.count(),
                        Duration.ofSeconds(120)));
    }
}
