package io.liftoff.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web shop's order service publishing through Liftoff's {@code ProducerTemplate}. It runs against
 * the cluster {@code rocketmq.name-server} names, e.g. {@code java -jar liftoff-sample-app.jar
 * --rocketmq.name-server=host:9876}; for a development run against an embedded broker, see {@code
 * TestSampleApplication} in the tests.
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
        SpringApplication.run(SampleApplication.class, args);
    }
}
