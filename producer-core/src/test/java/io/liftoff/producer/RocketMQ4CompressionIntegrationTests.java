package io.liftoff.producer;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumerProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check of {@link CompressionIntegrationTests} against the official RocketMQ 4.9.7 NameServer
 * and Broker, which store the compression bits as sent, read back by the official 4.9.7 consumer.
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
    void official49ConsumerShouldReadEveryCompressedBodyBack() throws Exception {
        CompressedSends sends = CompressedSends.sendEveryType(rocketmq.nameServerAddress(), TOPIC);

        // the 4.9.7 client decodes the compression types itself (4.9.3 and older cannot)
        sends.assertReadBackUnchanged(
                OfficialConsumerProcess.readAll(
                        Path.of(System.getProperty("liftoff.rocketmq4.classpath")),
                        rocketmq.nameServerAddress(),
                        TOPIC,
                        sends.count(),
                        Duration.ofSeconds(120)),
                "rocketmq-client-4.9.7.jar");
    }
}
