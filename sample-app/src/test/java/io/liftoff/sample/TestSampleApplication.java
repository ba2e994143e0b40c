package io.liftoff.sample;

import io.liftoff.spring.test.EmbeddedRocketMQConfiguration;
import io.liftoff.spring.test.WithEmbeddedRocketMQ;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The sample for development: the application as it is, plus a real RocketMQ NameServer and Broker
 * on 127.0.0.1 that start and stop with it, its topics created. Only the test class path has the
 * broker; the application's jar knows nothing of it. README's run command starts this class ({@code
 * spring-boot:test-run}).
 */
public final class TestSampleApplication {

    private TestSampleApplication() {}

    /**
     * Runs the sample against an embedded broker.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.from(SampleApplication::main).with(EmbeddedBroker.class).run(args);
    }

    /** The embedded cluster and the sample's topics; every producer is pointed at it. */
    @TestConfiguration(proxyBeanMethods = false)
    @WithEmbeddedRocketMQ(topics = {SampleApplication.ORDERS, SampleApplication.REMINDERS + ":2"})
    @Import(EmbeddedRocketMQConfiguration.class)
    static class EmbeddedBroker {}
}
