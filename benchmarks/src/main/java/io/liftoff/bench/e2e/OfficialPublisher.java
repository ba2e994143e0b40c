package io.liftoff.bench.e2e;

import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;

/**
 * The official {@code DefaultMQProducer} at its fastest: SEND_MESSAGE_V2 (its default, {@code
 * sendSmartMsg}), binary ROCKETMQ headers (set by the launcher with {@code
 * -Drocketmq.serialize.type=ROCKETMQ}, read once when its remoting classes load), no VIP channel.
 */
final class OfficialPublisher implements Publisher {

    private final DefaultMQProducer producer;
    private final String topic;

    private OfficialPublisher(DefaultMQProducer producer, String nameServer, String topic) {
        this.topic = topic;
        this.producer = producer;
        producer.setNamesrvAddr(nameServer);
        producer.setVipChannelEnabled(false);
        try {
            producer.start();
        } catch (MQClientException e) {
            throw new IllegalStateException("official producer did not start", e);
        }
    }

    static OfficialPublisher untraced(String nameServer, String topic) {
        return new OfficialPublisher(new DefaultMQProducer("bench-official"), nameServer, topic);
    }

    /**
     * With {@code setAutoBatch(true)} and its defaults (in 5.3.3: a batch waits at most 10 ms and
     * holds at most 32 KiB).
     */
    static OfficialPublisher autoBatched(String nameServer, String topic) {
        DefaultMQProducer producer = new DefaultMQProducer("bench-official");
        producer.setAutoBatch(true);
        return new OfficialPublisher(producer, nameServer, topic);
    }

    /** With {@code enableMsgTrace}: traces to {@code RMQ_SYS_TRACE_TOPIC}. */
    static OfficialPublisher traced(String nameServer, String topic) {
        return new OfficialPublisher(
                new DefaultMQProducer("bench-official", true, null), nameServer, topic);
    }

    @Override
    public void sendSync(byte[] body) throws Exception {
        SendStatus status = producer.send(new Message(topic, body)).getSendStatus();
        if (status != SendStatus.SEND_OK) {
            throw Publisher.notStored(status);
        }
    }

    @Override
    public void sendAsync(byte[] body, Completion done) {
        try {
            producer.send(
                    new Message(topic, body),
                    new SendCallback() {
                        @Override
                        public void onSuccess(SendResult result) {
                            done.completed(
                                    result.getSendStatus() == SendStatus.SEND_OK
                                            ? null
                                            : Publisher.notStored(result.getSendStatus()));
                        }

                        @Override
                        public void onException(Throwable failure) {
                            done.completed(failure);
                        }
                    });
        } catch (Exception e) {
            done.completed(e);
        }
    }

    @Override
    public void close() {
        producer.shutdown();
    }
}
