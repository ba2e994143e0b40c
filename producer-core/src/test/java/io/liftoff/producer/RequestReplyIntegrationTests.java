package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.EmbeddedRocketMQExtension;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.utils.MessageUtil;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request-reply against the real broker, with the official 5.3.3 client as the responder: a push
 * consumer answers each request with {@code MessageUtil.createReplyMessage} and an official
 * producer, which sends the reply with SEND_REPLY_MESSAGE_V2.
 */
@ExtendWith(EmbeddedRocketMQExtension.class)
class RequestReplyIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(RequestReplyIntegrationTests.class);

    private static final String REQUESTS = "rr-requests";
    private static final String UNANSWERED = "rr-unanswered";
    private static final String LEFT_WAITING = "rr-left-waiting";
    private static final String REPLY_TOPIC = "DefaultCluster_REPLY_TOPIC";
    // the responder may still be joining its group when the first request arrives; a bound a
    // loaded machine keeps, which costs nothing when the reply comes
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    private static final String SLOW = "slow";

    private static EmbeddedRocketMQ rocketmq;
    private static DefaultMQProducer replySender;
    private static DefaultMQPushConsumer responder;
    private static final CountDownLatch slowReplySent = new CountDownLatch(1);
    private static final CountDownLatch slowRequestTimedOut = new CountDownLatch(1);

    @BeforeAll
    static void startResponder(EmbeddedRocketMQ cluster) throws Exception {
        rocketmq = cluster;
        cluster.createTopic(REQUESTS, 2);
        cluster.createTopic(UNANSWERED, 1);
        cluster.createTopic(LEFT_WAITING, 1);
        replySender = new DefaultMQProducer("rr-responder");
        replySender.setNamesrvAddr(cluster.nameServerAddress());
        replySender.setInstanceName("rr-responder-" + UUID.randomUUID());
        replySender.start();
        responder = new DefaultMQPushConsumer("rr-responder");
        responder.setNamesrvAddr(cluster.nameServerAddress());
        responder.setInstanceName("rr-responder-" + UUID.randomUUID());
        responder.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        responder.subscribe(REQUESTS, "*");
        responder.registerMessageListener(
                (MessageListenerConcurrently)
                        (messages, context) -> {
                            for (MessageExt request : messages) {
                                try {
                                    answer(request);
                                } catch (Exception e) {
                                    log.warn("Responder failed to answer {}", request, e);
                                    return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                                }
                            }
                            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                        });
        responder.start();
    }

    @AfterAll
    static void stopResponder() {
        if (responder != null) {
            responder.shutdown();
        }
        if (replySender != null) {
            replySender.shutdown();
        }
    }

    /** Answers "re: " + the request's body, with a tag, keys and the request's "seq" property. */
    private static void answer(MessageExt request) throws Exception {
        String body = new String(request.getBody(), StandardCharsets.UTF_8);
        if (body.equals(SLOW)) {
            // answers only once the requester has timed out, so that the reply is late however
            // the load delays either side (the bound only keeps a failed test from blocking)
            slowRequestTimedOut.await(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        org.apache.rocketmq.common.message.Message reply =
                MessageUtil.createReplyMessage(
                        request, ("re: " + body).getBytes(StandardCharsets.UTF_8));
        reply.setTags("answer");
        reply.setKeys(List.of("k1", "k2"));
        if (request.getUserProperty("seq") != null) {
            reply.putUserProperty("seq", request.getUserProperty("seq"));
        }
        replySender.send(reply, 30_000);
        if (body.equals(SLOW)) {
            slowReplySent.countDown();
        }
    }

    @Test
    void requestShouldCompleteWithTheReplyOnlyThroughTheCallbackExecutor() throws Exception {
        BlockingQueue<Runnable> callbacks = new LinkedBlockingQueue<>();
        ProducerConfig config =
                config("rr-async").toBuilder().callbackExecutor(callbacks::add).build();
        try (Producer producer = Producer.create(config)) {
            CompletableFuture<Message> reply =
                    producer.request(
                            Message.builder(REQUESTS)
                                    .tags("ask")
                                    .property("seq", "1")
                                    .body("hello")
                                    .build(),
                            REPLY_TIMEOUT);

            Runnable completion = callbacks.poll(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(completion).as("completion handed to the callback executor").isNotNull();
            assertThat(reply).isNotDone();
            completion.run();

            Message answer = reply.getNow(null);
            assertThat(answer.topic()).isEqualTo(REPLY_TOPIC);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("re: hello");
            assertThat(answer.tags()).isEqualTo("answer");
            assertThat(answer.keys()).containsExactly("k1", "k2");
            assertThat(answer.properties()).containsExactly(Map.entry("seq", "1"));
            assertThat(producer.pendingRequests()).isZero();
        }
    }

    @Test
    void requestAndWaitShouldReturnACompressedReplyDecompressed() {
        // over the 4 KiB threshold both ways: our request and the official reply are compressed
        String large = "compressible request text ".repeat(1_000);
        try (Producer producer = Producer.create(config("rr-sync"))) {
            Message answer =
                    producer.requestAndWait(
                            Message.builder(REQUESTS).body(large).build(), REPLY_TIMEOUT);

            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("re: " + large);
            assertThat(producer.pendingRequests()).isZero();
        }
    }

    @Test
    void concurrentRequestsShouldEachGetTheirOwnReply() throws Exception {
        int requests = 20;
        try (Producer producer = Producer.create(config("rr-concurrent"))) {
            List<CompletableFuture<Message>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                replies.add(
                        producer.request(
                                Message.builder(REQUESTS)
                                        .property("seq", Integer.toString(i))
                                        .body("question-" + i)
                                        .build(),
                                REPLY_TIMEOUT));
            }
            for (int i = 0; i < requests; i++) {
                Message answer =
                        replies.get(i).get(REPLY_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
                assertThat(new String(answer.body(), StandardCharsets.UTF_8))
                        .isEqualTo("re: question-" + i);
                assertThat(answer.properties()).containsEntry("seq", Integer.toString(i));
            }
            assertThat(producer.pendingRequests()).isZero();
        }
    }

    @Test
    void requestNobodyAnswersShouldTimeOutNamingItsCorrelationId() throws Exception {
        RequestTimeoutException timeout;
        try (Producer producer = Producer.create(config("rr-unanswered"))) {
            CompletableFuture<Message> reply =
                    producer.request(
                            Message.builder(UNANSWERED).body("anyone?").build(),
                            Duration.ofSeconds(5));

            Throwable failure = catchCause(reply);
            assertThat(failure).isInstanceOf(RequestTimeoutException.class);
            timeout = (RequestTimeoutException) failure;
            assertThat(timeout.getMessage())
                    .contains("'" + timeout.correlationId() + "'")
                    .contains("topic '" + UNANSWERED + "'")
                    .contains("5000 ms");
            assertThat(timeout.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(producer.pendingRequests()).isZero();
        }

        // the request went out like any message, with the properties a responder needs
        List<MessageExt> stored =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), UNANSWERED, 1, Duration.ofSeconds(60));
        assertThat(stored).hasSize(1);
        MessageExt request = stored.get(0);
        assertThat(request.getProperty(MessageConst.PROPERTY_CORRELATION_ID))
                .isEqualTo(timeout.correlationId());
        assertThat(request.getProperty(MessageConst.PROPERTY_MESSAGE_REPLY_TO_CLIENT))
                .contains("@");
        assertThat(request.getProperty(MessageConst.PROPERTY_MESSAGE_TTL)).isEqualTo("5000");
    }

    @Test
    void lateReplyShouldBeDroppedAndNotAnswerALaterRequest() throws Exception {
        try (Producer producer = Producer.create(config("rr-late"))) {
            assertThatThrownBy(
                            () ->
                                    producer.requestAndWait(
                                            Message.builder(REQUESTS).body(SLOW).build(),
                                            Duration.ofSeconds(1)))
                    .isInstanceOf(RequestTimeoutException.class);
            slowRequestTimedOut.countDown();
            assertThat(producer.pendingRequests()).isZero();
            // the broker pushed the late reply to this client before the responder's send returned
            assertThat(slowReplySent.await(REPLY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            Message answer =
                    producer.requestAndWait(
                            Message.builder(REQUESTS).body("after").build(), REPLY_TIMEOUT);

            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("re: after");
            assertThat(producer.pendingRequests()).isZero();
        }
    }

    @Test
    void closeShouldFailRequestsStillWaiting() {
        Producer producer = Producer.create(config("rr-close"));
        CompletableFuture<Message> reply =
                producer.request(
                        Message.builder(LEFT_WAITING).body("left waiting").build(),
                        Duration.ofMinutes(1));

        producer.close();

        assertThat(catchCause(reply))
                .isInstanceOf(ProducerClosedException.class)
                .hasMessageContaining("closed while request '");
        assertThat(producer.pendingRequests()).isZero();
    }

    @Test
    void requestWithNonPositiveTimeoutShouldBeRefusedBeforeAnythingIsSent() {
        try (Producer producer = Producer.create(config("rr-invalid"))) {
            assertThatThrownBy(
                            () ->
                                    producer.request(
                                            Message.builder(REQUESTS).body("x").build(),
                                            Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timeout must be positive");
            assertThat(producer.pendingRequests()).isZero();
        }
    }

    private static Throwable catchCause(CompletableFuture<Message> reply) {
        try {
            reply.get(REPLY_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected the request to fail, got " + e, e);
        }
        throw new AssertionError("expected the request to fail, it got a reply");
    }

    private static ProducerConfig config(String group) {
        return ProducerConfig.builder()
                .nameServer(rocketmq.nameServerAddress())
                .group(group)
                .sendTimeout(Duration.ofSeconds(10))
                .build();
    }
}
