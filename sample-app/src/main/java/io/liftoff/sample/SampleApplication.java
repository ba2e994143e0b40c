package io.liftoff.sample;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerConfig;
import io.liftoff.producer.SendResult;
import io.liftoff.producer.message.Message;
import java.time.Duration;

/**
 * Sends a few orders through Liftoff and prints each {@link SendResult}. Without arguments it
 * starts a real RocketMQ NameServer and Broker on 127.0.0.1 first; with {@code
 * --rocketmq.name-server=host:port} it uses that cluster instead (the topic must exist there, or
 * the brokers must create topics automatically).
 */
public final class SampleApplication {

    private static final String TOPIC = "orders";
    private static final String NAME_SERVER_OPTION = "--rocketmq.name-server=";

    private SampleApplication() {}

    /**
     * Runs the sample.
     *
     * @param args optionally {@code --rocketmq.name-server=host:port}
     */
    public static void main(String[] args) {
        String nameServer = nameServerArgument(args);
        if (nameServer != null) {
            sendOrders(nameServer);
            return;
        }
        System.out.println("Starting an embedded Apache RocketMQ on 127.0.0.1 ...");
        try (EmbeddedRocketMQ rocketmq = EmbeddedRocketMQ.builder().start()) {
            rocketmq.createTopic(TOPIC, 4);
            System.out.println("Started " + rocketmq);
            sendOrders(rocketmq.nameServerAddress());
        }
    }

    private static void sendOrders(String nameServer) {
        ProducerConfig config =
                ProducerConfig.builder()
                        .nameServer(nameServer)
                        .group("sample-orders-producer")
                        .sendTimeout(Duration.ofSeconds(3))
                        .build();
        try (Producer producer = Producer.create(config)) {
            for (int i = 1; i <= 5; i++) {
                Message order =
                        Message.builder(TOPIC)
                                .tags("created")
                                .keys("order-" + i)
                                .property("region", i % 2 == 0 ? "eu" : "us")
                                .body("{\"orderId\":" + i + ",\"amount\":" + (i * 10) + "}")
                                .build();
                SendResult result = producer.send(order);
                System.out.println(result);
            }
        }
    }

    private static String nameServerArgument(String[] args) {
        for (String arg : args) {
            if (arg.startsWith(NAME_SERVER_OPTION) && arg.length() > NAME_SERVER_OPTION.length()) {
                return arg.substring(NAME_SERVER_OPTION.length());
            }
        }
        return null;
    }
}
