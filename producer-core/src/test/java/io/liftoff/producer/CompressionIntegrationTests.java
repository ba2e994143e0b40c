package io.liftoff.producer;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.embedded.OfficialConsumerProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bodies compressed with zlib, LZ4 and Zstandard, sent singly and in batches to a 5.x broker, read
 * back byte for byte by the official consumers 5.3.3 (the test class path's) and 5.5.0.
 */
@ExtendWith(EmbeddedRocketMQExtension.class)
class CompressionIntegrationTests {

    @Test
    void officialConsumerShouldReadEveryCompressedBodyBack(EmbeddedRocketMQ rocketmq)
            throws Exception {
        String topic = "compressed-bodies";
        rocketmq.createTopic(topic, 2);

        CompressedSends sends = CompressedSends.sendEveryType(rocketmq.nameServerAddress(), topic);

        sends.assertReadBackUnchanged(
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(),
                        topic,
                        sends.count(),
                        Duration.ofSeconds(60)));
        // and by the newest release's consumer, in a JVM of its own
        sends.assertReadBackUnchanged(
                OfficialConsumerProcess.readAll(
                        Path.of(System.getProperty("liftoff.rocketmq55.classpath")),
                        rocketmq.nameServerAddress(),
                        topic,
                        sends.count(),
                        Duration.ofSeconds(120)),
                "rocketmq-client-5.5.0.jar");
    }
}
