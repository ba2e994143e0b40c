package io.liftoff.sample;

import io.liftoff.embedded.EmbeddedRocketMQ;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A web shop's order service publishing through Liftoff's {@code ProducerTemplate}. Without {@code
 * --rocketmq.name-server=host:port} it starts a real Apache RocketMQ NameServer and Broker on
 * 127.0.0.1 first (and stops them with the app), so it runs with nothing installed.
 */
@SpringBootApplication
public class SampleApplication {

    /** Topics the sample publishes to. */
    static final String ORDERS = "orders";

    static final String REMINDERS = "reminders";

    /**
     * Runs the sample.
     *
     * @param args Spring Boot arguments, e.g. {@code --rocketmq.name-server=host:9876}
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SampleApplication.class);
        if (Arrays.stream(args).anyMatch(arg -> arg.startsWith("--rocketmq.name-server="))
                || System.getenv("ROCKETMQ_NAME_SERVER") != null) {
            application.run(args);
            return;
        }
        System.out.println("Starting an embedded Apache RocketMQ on 127.0.0.1 ...");
        EmbeddedRocketMQ rocketmq = EmbeddedRocketMQ.builder().start();
        rocketmq.createTopic(ORDERS, 4);
        rocketmq.createTopic(REMINDERS, 2);
        System.out.println("Started " + rocketmq);
        application.setDefaultProperties(
                Map.of("rocketmq.name-server", rocketmq.nameServerAddress()));
        ConfigurableApplicationContext context = application.run(args);
        // close() waits for Spring's own shutdown, so the producer drains before the broker stops
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    context.close();
                                    rocketmq.close();
                                },
                                "embedded-rocketmq-shutdown"));
    }
}
