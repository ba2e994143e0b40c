package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A namespaced producer writes to {@code ns%topic} and reports plain topic names. */
@ExtendWith(EmbeddedRocketMQExtension.class)
class NamespaceIntegrationTests {

    private static EmbeddedRocketMQ rocketmq;

    @BeforeAll
    static void createTopic(EmbeddedRocketMQ cluster) {
        rocketmq = cluster;
        cluster.createTopic("tenant-a%orders", 2);
    }

    @Test
    void sendWithNamespaceShouldWrapOnTheWireAndUnwrapResults() throws Exception {
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(rocketmq.nameServerAddress())
                        .group("orders-producer")
                        .namespace("tenant-a")
                        .build();
        try (Producer producer = Producer.create(config)) {
            SendResult sync = producer.send(Message.builder("orders").body("sync").build());
            SendResult async =
                    producer.sendAsync(Message.builder("orders").body("async").build()).get();
            List<SendResult> batch =
                    producer.sendBatch(List.of(Message.builder("orders").body("batch").build()));

            assertThat(sync.queue().topic()).isEqualTo("orders");
            assertThat(async.queue().topic()).isEqualTo("orders");
            assertThat(batch.get(0).queue().topic()).isEqualTo("orders");
        }
        List<MessageExt> received =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), "tenant-a%orders", 3, Duration.ofSeconds(60));
        assertThat(received).hasSize(3).allMatch(m -> m.getTopic().equals("tenant-a%orders"));
        assertThat(received).allMatch(m -> "tenant-a".equals(m.getProperty("INSTANCE_ID")));
    }
}
