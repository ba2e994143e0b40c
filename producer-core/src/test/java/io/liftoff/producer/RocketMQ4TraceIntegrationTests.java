package io.liftoff.producer;

import static io.liftoff.producer.TraceIntegrationTests.TRACE_TOPIC;
import static io.liftoff.producer.TraceIntegrationTests.assertPub;
import static io.liftoff.producer.TraceIntegrationTests.findOne;
import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.message.Message;
import java.nio.file.Path;
import java.util.List;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.trace.TraceBean;
import org.apache.rocketmq.client.trace.TraceContext;
import org.apache.rocketmq.client.trace.TraceType;
import org.apache.rocketmq.common.message.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The message traces of {@link TraceIntegrationTests} against the official RocketMQ 4.9.7
 * NameServer and Broker started with {@code traceTopicEnable=true}, found with the official
 * client's {@code queryMessage} and decoded with its {@code TraceDataEncoder}.
 */
class RocketMQ4TraceIntegrationTests {

    private static final String TOPIC = "v4-traced";

    private static EmbeddedRocketMQ rocketmq;
    private static DefaultMQProducer oracle;

    @BeforeAll
    static void start() throws Exception {
        rocketmq =
                EmbeddedRocketMQ.builder()
                        .serverClasspathFile(
                                Path.of(System.getProperty("liftoff.rocketmq4.classpath")))
                        .brokerProperty("traceTopicEnable", "true")
                        .start();
        rocketmq.createTopic(TOPIC, 4);
        oracle = TraceIntegrationTests.oracle(rocketmq);
    }

    @AfterAll
    static void stop() {
        if (oracle != null) {
            oracle.shutdown();
        }
        rocketmq.close();
    }

    @Test
    void sendsShouldBeTracedAsTheOfficialClientTracesThem() throws Exception {
        SendResult sync;
        SendResult async;
        List<SendResult> batch;
        try (Producer producer = Producer.create(config("v4-traced"))) {
            sync =
                    producer.send(
                            Message.builder(TOPIC)
                                    .tags("created")
                                    .keys("order-42")
                                    .body("hello trace")
                                    .build());
            async = producer.sendAsync(Message.builder(TOPIC).body("async").build()).get();
            batch =
                    producer.sendBatch(
                            List.of(
                                    Message.builder(TOPIC).body("b-1").build(),
                                    Message.builder(TOPIC).body("b-22").build()));
        }

        TraceContext pub = findOne(oracle, TRACE_TOPIC, sync.messageId(), TraceType.Pub);
        assertPub(pub, sync, "v4-traced", MessageType.Normal_Msg, 11);
        TraceBean bean = pub.getTraceBeans().get(0);
        assertThat(bean.getTags()).isEqualTo("created");
        assertThat(bean.getKeys()).isEqualTo("order-42");
        assertThat(bean.getStoreHost()).isEqualTo(rocketmq.brokerAddress());
        assertPub(
                findOne(oracle, TRACE_TOPIC, async.messageId(), TraceType.Pub),
                async,
                "v4-traced",
                MessageType.Normal_Msg,
                5);
        for (int i = 0; i < batch.size(); i++) {
            assertPub(
                    findOne(oracle, TRACE_TOPIC, batch.get(i).messageId(), TraceType.Pub),
                    batch.get(i),
                    "v4-traced",
                    MessageType.Normal_Msg,
                    3 + i);
        }
    }

    @Test
    void committedTransactionShouldBeTracedAsHalfMessageAndEndTransaction() throws Exception {
        TransactionSendResult tx;
        try (Producer producer = Producer.create(config("v4-traced-tx"))) {
            tx =
                    producer.sendInTransaction(
                            Message.builder(TOPIC).body("pay").build(),
                            (m, arg) -> TransactionState.COMMIT,
                            null);
        }

        String id = tx.sendResult().messageId();
        assertPub(
                findOne(oracle, TRACE_TOPIC, id, TraceType.Pub),
                tx.sendResult(),
                "v4-traced-tx",
                MessageType.Trans_Msg_Half,
                3);
        TraceBean end =
                findOne(oracle, TRACE_TOPIC, id, TraceType.EndTransaction).getTraceBeans().get(0);
        assertThat(end.getTopic()).isEqualTo(TOPIC);
        assertThat(end.getStoreHost()).isEqualTo(rocketmq.brokerAddress());
        assertThat(end.getTransactionId()).isEqualTo(id);
        assertThat(end.getTransactionState()).isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
    }

    private static ProducerConfig config(String group) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .messageTrace(MessageTrace.enabled())
                .build();
    }
}
