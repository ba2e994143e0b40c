package io.liftoff.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test against a real Apache RocketMQ: a NameServer and a Broker (the official
 * servers, in child JVMs on 127.0.0.1) are started once per test JVM, the listed topics are
 * created, {@code rocketmq.name-server} points at them, and the {@link
 * io.liftoff.embedded.EmbeddedRocketMQ} is a bean the test can inject.
 *
 * <pre>{@code
 * @SpringBootTest
 * @WithEmbeddedRocketMQ(topics = {"orders", "reminders:2"})
 * class OrdersTests {
 *     @Autowired ProducerTemplate template;
 * }
 * }</pre>
 *
 * <p>The servers stop when the test JVM exits; their temporary store is deleted then.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithEmbeddedRocketMQ {

    /** Topics to create, {@code name} (4 queues) or {@code name:queues}. */
    String[] topics() default {};
}
