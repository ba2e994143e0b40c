package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.trace.TraceBean;
import org.apache.rocketmq.client.trace.TraceContext;
import org.apache.rocketmq.client.trace.TraceDataEncoder;
import org.apache.rocketmq.client.trace.TraceType;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Message traces against the real 5.3.3 broker started with {@code traceTopicEnable=true}, found as
 * the RocketMQ Dashboard finds them: the official client's {@code queryMessage(traceTopic,
 * messageId, ...)} on the broker's index, each body decoded by the official {@code
 * TraceDataEncoder}, keeping the records of that message id.
 */
class TraceIntegrationTests {

    static final String TRACE_TOPIC = "RMQ_SYS_TRACE_TOPIC";
    private static final String TOPIC = "traced";
    private static final String CUSTOM_TRACE_TOPIC = "orders-trace";

    private static EmbeddedRocketMQ rocketmq;
    private static DefaultMQProducer oracle;

    @BeforeAll
    static void start() throws Exception {
        rocketmq =
                EmbeddedRocketMQ.builder()
                        .brokerProperty("traceTopicEnable", "true")
                        // check-backs soon after an open transaction, for the check-back's trace
                        .brokerProperty("transactionCheckInterval", "1000")
                        .brokerProperty("transactionTimeOut", "3000")
                        .brokerProperty("transactionOpBatchInterval", "100")
                        .start();
        rocketmq.createTopic(TOPIC, 4);
        rocketmq.createTopic(CUSTOM_TRACE_TOPIC, 1);
        oracle = oracle(rocketmq);
    }

    @AfterAll
    static void stop() {
        if (oracle != null) {
            oracle.shutdown();
        }
        rocketmq.close();
    }

    @Test
    void syncSendShouldBeTracedAsTheOfficialClientTracesIt() throws Exception {
        Message message =
                Message.builder(TOPIC)
                        .tags("created")
                        .keys("order-42", "customer-7")
                        .body("hello trace")
                        .build();
        SendResult result;
        try (Producer producer = Producer.create(config("traced-sync"))) {
            result = producer.send(message);
        }

        TraceContext pub = findOne(oracle, TRACE_TOPIC, result.messageId(), TraceType.Pub);
        assertPub(pub, result, "traced-sync", MessageType.Normal_Msg, 11);
        TraceBean bean = pub.getTraceBeans().get(0);
        assertThat(bean.getTags()).isEqualTo("created");
        assertThat(bean.getKeys()).isEqualTo("order-42 customer-7");
        assertThat(bean.getStoreHost()).isEqualTo(rocketmq.brokerAddress());
        // found by a user key too, as the official client keys its traces
        assertThat(find(oracle, TRACE_TOPIC, "order-42"))
                .extracting(context -> context.getTraceBeans().get(0).getMsgId())
                .contains(result.messageId());
    }

    @Test
    void everySendModeShouldBeTracedWithItsMessageType() throws Exception {
        SendResult async;
        SendResult orderly;
        SendResult delayed;
        SendResult timer;
        List<SendResult> batch;
        try (Producer producer = Producer.create(config("traced-modes"))) {
            async = producer.sendAsync(body("async")).get();
            orderly =
                    producer.send(
                            Message.builder(TOPIC).shardingKey("customer-7").body("o").build());
            delayed = producer.send(Message.builder(TOPIC).delayLevel(1).body("d").build());
            timer =
                    producer.send(
                            Message.builder(TOPIC)
                                    .deliverAfter(Duration.ofSeconds(5))
                                    .body("t")
                                    .build());
            batch = producer.sendBatch(List.of(body("b-1"), body("b-22"), body("b-333")));
        }

        assertPub(
                findOne(oracle, TRACE_TOPIC, async.messageId(), TraceType.Pub),
                async,
                "traced-modes",
                MessageType.Normal_Msg,
                5);
        assertPub(
                findOne(oracle, TRACE_TOPIC, orderly.messageId(), TraceType.Pub),
                orderly,
                "traced-modes",
                MessageType.Order_Msg,
                1);
        assertPub(
                findOne(oracle, TRACE_TOPIC, delayed.messageId(), TraceType.Pub),
                delayed,
                "traced-modes",
                MessageType.Delay_Msg,
                1);
        assertPub(
                findOne(oracle, TRACE_TOPIC, timer.messageId(), TraceType.Pub),
                timer,
                "traced-modes",
                MessageType.Delay_Msg,
                1);
        // each message of a batch has its own record, found by its own id
        for (int i = 0; i < batch.size(); i++) {
            assertPub(
                    findOne(oracle, TRACE_TOPIC, batch.get(i).messageId(), TraceType.Pub),
                    batch.get(i),
                    "traced-modes",
                    MessageType.Normal_Msg,
                    3 + i);
        }
    }

    @Test
    void onewaySendShouldBeTracedAsWritten() throws Exception {
        String key = "oneway-" + UUID.randomUUID();
        try (Producer producer = Producer.create(config("traced-oneway"))) {
            producer.sendOneway(
                    Message.builder(TOPIC).tags("fire").keys(key).body("forget").build());
        }
        // the id the trace must carry: the stored message's own
        String messageId =
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions()
                        .until(
                                () ->
                                        oracle.queryMessage(TOPIC, key, 1, 0, Long.MAX_VALUE)
                                                .getMessageList()
                                                .get(0)
                                                .getProperty("UNIQ_KEY"),
                                id -> id != null);

        TraceContext pub = findOne(oracle, TRACE_TOPIC, messageId, TraceType.Pub);
        TraceBean bean = pub.getTraceBeans().get(0);
        assertThat(pub.getGroupName()).isEqualTo("traced-oneway");
        assertThat(pub.getRegionId()).isEqualTo("DefaultRegion");
        assertThat(pub.isSuccess()).as("written").isTrue();
        assertThat(bean.getTopic()).isEqualTo(TOPIC);
        assertThat(bean.getTags()).isEqualTo("fire");
        assertThat(bean.getKeys()).isEqualTo(key);
        assertThat(bean.getStoreHost()).isEqualTo(rocketmq.brokerAddress());
        assertThat(bean.getBodyLength()).isEqualTo(6);
        assertThat(bean.getMsgType()).isEqualTo(MessageType.Normal_Msg);
        assertThat(bean.getOffsetMsgId()).as("no answer brings one").isEmpty();
    }

    @Test
    void committedTransactionShouldBeTracedAsHalfMessageAndEndTransaction() throws Exception {
        TransactionSendResult tx;
        try (Producer producer = Producer.create(config("traced-tx"))) {
            tx =
                    producer.sendInTransaction(
                            Message.builder(TOPIC).tags("paid").keys("p-1").body("pay").build(),
                            (m, arg) -> TransactionState.COMMIT,
                            null);
        }

        String id = tx.sendResult().messageId();
        assertPub(
                findOne(oracle, TRACE_TOPIC, id, TraceType.Pub),
                tx.sendResult(),
                "traced-tx",
                MessageType.Trans_Msg_Half,
                3);
        TraceContext end = findOne(oracle, TRACE_TOPIC, id, TraceType.EndTransaction);
        TraceBean bean = end.getTraceBeans().get(0);
        assertThat(end.getGroupName()).isEqualTo("traced-tx");
        assertThat(end.getRegionId()).isEqualTo("DefaultRegion");
        assertThat(bean.getTopic()).isEqualTo(TOPIC);
        assertThat(bean.getTags()).isEqualTo("paid");
        assertThat(bean.getKeys()).isEqualTo("p-1");
        assertThat(bean.getStoreHost()).isEqualTo(rocketmq.brokerAddress());
        assertThat(bean.getMsgType()).isEqualTo(MessageType.Trans_msg_Commit);
        assertThat(bean.getTransactionId()).isEqualTo(id);
        assertThat(bean.getTransactionState()).isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
        assertThat(bean.isFromTransactionCheck()).isFalse();
    }

    @Test
    void checkBackAnswerShouldBeTracedAsEndTransactionFromTheCheck() throws Exception {
        ProducerConfig config =
                config("traced-check").toBuilder()
                        .transactionChecker(check -> TransactionState.COMMIT)
                        .build();
        try (Producer producer = Producer.create(config)) {
            TransactionSendResult tx =
                    producer.sendInTransaction(
                            Message.builder(TOPIC).keys("c-1").body("checked").build(),
                            (m, arg) -> TransactionState.UNKNOWN,
                            null);
            String id = tx.sendResult().messageId();

            // the local UNKNOWN, as the official client records it, then the check's COMMIT
            List<TraceContext> ends = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(
                            () -> {
                                ends.clear();
                                find(oracle, TRACE_TOPIC, id).stream()
                                        .filter(c -> c.getTraceType() == TraceType.EndTransaction)
                                        .filter(c -> c.getTraceBeans().get(0).getMsgId().equals(id))
                                        .forEach(ends::add);
                                return ends.stream()
                                        .anyMatch(
                                                c ->
                                                        c.getTraceBeans()
                                                                .get(0)
                                                                .isFromTransactionCheck());
                            });
            assertThat(ends)
                    .extracting(c -> c.getTraceBeans().get(0))
                    .anySatisfy(
                            bean -> {
                                assertThat(bean.isFromTransactionCheck()).isFalse();
                                assertThat(bean.getTransactionState())
                                        .isEqualTo(LocalTransactionState.UNKNOW);
                            })
                    .anySatisfy(
                            bean -> {
                                assertThat(bean.isFromTransactionCheck()).isTrue();
                                assertThat(bean.getTransactionState())
                                        .isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
                                assertThat(bean.getTopic()).isEqualTo(TOPIC);
                                assertThat(bean.getKeys()).isEqualTo("c-1");
                                assertThat(bean.getStoreHost()).isEqualTo(rocketmq.brokerAddress());
                            });
        }
    }

    @Test
    void recallShouldBeTraced() throws Exception {
        String recalledId;
        try (Producer producer = Producer.create(config("traced-recall"))) {
            SendResult timer =
                    producer.send(
                            Message.builder(TOPIC)
                                    .deliverAfter(Duration.ofMinutes(10))
                                    .body("r")
                                    .build());
            recalledId = producer.recall(TOPIC, timer.recallHandle());
        }

        TraceContext recall = findOne(oracle, TRACE_TOPIC, recalledId, TraceType.Recall);
        assertThat(recall.getGroupName()).isEqualTo("traced-recall");
        assertThat(recall.getRegionId()).isEqualTo("DefaultRegion");
        assertThat(recall.getTraceBeans().get(0).getTopic()).isEqualTo(TOPIC);
        assertThat(recall.isSuccess()).isTrue();
    }

    @Test
    void customizedTraceTopicShouldGetTheTracesAndRefuseUserMessages() throws Exception {
        ProducerConfig config =
                config("traced-custom").toBuilder()
                        .messageTrace(MessageTrace.toTopic(CUSTOM_TRACE_TOPIC))
                        .build();
        SendResult result;
        try (Producer producer = Producer.create(config)) {
            result = producer.send(body("custom"));
            Message toTraceTopic = Message.builder(CUSTOM_TRACE_TOPIC).body("x").build();
            assertThatExceptionOfType(InvalidMessageException.class)
                    .isThrownBy(() -> producer.send(toTraceTopic))
                    .withMessageContaining("message trace topic");
            assertThatExceptionOfType(InvalidMessageException.class)
                    .isThrownBy(() -> producer.sendBatch(List.of(toTraceTopic)));
            assertThatExceptionOfType(InvalidMessageException.class)
                    .isThrownBy(() -> producer.sendOneway(toTraceTopic));
        }

        assertPub(
                findOne(oracle, CUSTOM_TRACE_TOPIC, result.messageId(), TraceType.Pub),
                result,
                "traced-custom",
                MessageType.Normal_Msg,
                6);
        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> Message.builder(TRACE_TOPIC).body("x").build());
    }

    @Test
    void untracedProducerShouldWriteNoTrace() throws Exception {
        SendResult result;
        ProducerConfig untraced =
                config("untraced").toBuilder().messageTrace(MessageTrace.disabled()).build();
        try (Producer producer = Producer.create(untraced)) {
            result = producer.send(body("untraced"));
        }
        SendResult traced;
        try (Producer producer = Producer.create(config("traced-after"))) {
            traced = producer.send(body("traced"));
        }

        // once a later producer's trace is in, an earlier one would be too
        findOne(oracle, TRACE_TOPIC, traced.messageId(), TraceType.Pub);
        assertThat(find(oracle, TRACE_TOPIC, result.messageId())).isEmpty();
    }

    static ProducerConfig config(String group) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .messageTrace(MessageTrace.enabled())
                .build();
    }

    private static Message body(String text) {
        return Message.builder(TOPIC).body(text).build();
    }

    /** The official client, started only to query the broker's message index. */
    static DefaultMQProducer oracle(EmbeddedRocketMQ cluster) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("trace-oracle-" + UUID.randomUUID());
        producer.setNamesrvAddr(cluster.nameServerAddress());
        producer.start();
        return producer;
    }

    static void assertPub(
            TraceContext pub, SendResult result, String group, MessageType type, int bodyLength) {
        TraceBean bean = pub.getTraceBeans().get(0);
        assertThat(pub.getTraceType()).isEqualTo(TraceType.Pub);
        assertThat(pub.getGroupName()).isEqualTo(group);
        assertThat(pub.getRegionId()).isEqualTo("DefaultRegion");
        assertThat(pub.isSuccess()).isTrue();
        assertThat(pub.getCostTime()).isBetween(0, 60_000);
        assertThat(pub.getTimeStamp())
                .isBetween(System.currentTimeMillis() - 600_000, System.currentTimeMillis());
        assertThat(bean.getTopic()).isEqualTo(result.queue().topic());
        assertThat(bean.getMsgId()).isEqualTo(result.messageId());
        assertThat(bean.getOffsetMsgId()).isEqualTo(result.offsetMessageId());
        assertThat(bean.getMsgType()).isEqualTo(type);
        assertThat(bean.getBodyLength()).isEqualTo(bodyLength);
    }

    /** The one record of {@code type} for {@code messageId}, waiting until the index has it. */
    static TraceContext findOne(
            DefaultMQProducer oracle, String traceTopic, String messageId, TraceType type) {
        List<TraceContext> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(
                        () -> {
                            found.clear();
                            find(oracle, traceTopic, messageId).stream()
                                    .filter(context -> context.getTraceType() == type)
                                    .filter(
                                            context ->
                                                    context.getTraceBeans()
                                                            .get(0)
                                                            .getMsgId()
                                                            .equals(messageId))
                                    .forEach(found::add);
                            return !found.isEmpty();
                        });
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    /**
     * Every record in the trace messages the index finds by {@code key}, as the Dashboard reads.
     */
    static List<TraceContext> find(DefaultMQProducer oracle, String traceTopic, String key)
            throws Exception {
        List<TraceContext> records = new ArrayList<>();
        try {
            for (MessageExt message :
                    oracle.queryMessage(traceTopic, key, 64, 0, Long.MAX_VALUE).getMessageList()) {
                records.addAll(
                        TraceDataEncoder.decoderFromTraceDataString(
                                new String(message.getBody(), StandardCharsets.UTF_8)));
            }
        } catch (org.apache.rocketmq.client.exception.MQClientException e) {
            // the index answers "query message by key finished, but no message" when none match
            if (!String.valueOf(e.getMessage()).contains("no message")) {
                throw e;
            }
        }
        return records;
    }
}
