package io.liftoff.producer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.utils.MessageUtil;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * The responder side of request-reply, written with the official client: a push consumer answers
 * each request with {@code MessageUtil.createReplyMessage} ("re: " + the request's body, and its
 * "seq" property) and an official producer sends the reply.
 */
final class OfficialResponder implements AutoCloseable {

    /**
     * How long a requester should wait: the responder may still be joining its group when the first
     * request arrives, which a loaded machine stretches.
     */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final DefaultMQProducer replySender;
    private final DefaultMQPushConsumer consumer;

    private OfficialResponder(DefaultMQProducer replySender, DefaultMQPushConsumer consumer) {
        this.replySender = replySender;
        this.consumer = consumer;
    }

    /** Starts answering the requests sent to {@code topic}, from its first message on. */
    static OfficialResponder start(String nameServer, String topic) throws Exception {
        DefaultMQProducer replySender = new DefaultMQProducer("official-responder");
        replySender.setNamesrvAddr(nameServer);
        replySender.setInstanceName("official-responder-" + UUID.randomUUID());
        replySender.start();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("official-responder");
        consumer.setNamesrvAddr(nameServer);
        consumer.setInstanceName("official-responder-" + UUID.randomUUID());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener(
                (MessageListenerConcurrently)
                        (messages, context) -> {
                            try {
                                for (MessageExt request : messages) {
                                    replySender.send(reply(request), 30_000);
                                }
                                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                            } catch (Exception e) {
                                return ConsumeConcurrentlyStatus.RECONSUME_LATER;
                            }
                        });
        OfficialResponder responder = new OfficialResponder(replySender, consumer);
        try {
            consumer.start();
        } catch (Exception e) {
            responder.close();
            throw e;
        }
        return responder;
    }

    private static org.apache.rocketmq.common.message.Message reply(MessageExt request)
            throws Exception {
        String body = new String(request.getBody(), StandardCharsets.UTF_8);
        org.apache.rocketmq.common.message.Message reply =
                MessageUtil.createReplyMessage(
                        request, ("re: " + body).getBytes(StandardCharsets.UTF_8));
        if (request.getUserProperty("seq") != null) {
            reply.putUserProperty("seq", request.getUserProperty("seq"));
        }
        return reply;
    }

    @Override
    public void close() {
        consumer.shutdown();
        replySender.shutdown();
    }
}
