package io.liftoff.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test against a real Apache RocketMQ: a NameServer and a Broker (the official
 * servers, in child JVMs on 127.0.0.1) are started, the listed topics are created, every producer
 * of the context (the default one and each {@code rocketmq.producers.<name>}) connects to them
 * through a {@link io.liftoff.spring.autoconfigure.RocketMQConnectionDetails} bean, and the {@link
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
 * <p>The connection details replace every connection property of the application: its name servers
 * or address server, {@code tls-enable}, {@code ssl.bundle}, {@code access-key} and {@code
 * secret-key} (each one replaced is logged at INFO). The broker is plain, or enforces TLS ({@link
 * #tls()}) or ACL ({@link #acl()}) as asked; the producers then trust its certificate and sign as
 * its ACL super user.
 *
 * <p>A cluster is started once per distinct {@link #tls()}, {@link #acl()} and {@link
 * #brokerProperties()} in the test JVM and shared by every test class that asks for the same; the
 * servers stop when the JVM exits, and their temporary store is deleted then. The annotation is
 * found on {@code @Nested} classes' enclosing classes too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithEmbeddedRocketMQ {

    /** Topics to create, {@code name} (4 queues) or {@code name:queues}. */
    String[] topics() default {};

    /**
     * Whether the servers accept TLS connections only, with a certificate of a throwaway CA that
     * the producers are given to trust.
     */
    boolean tls() default false;

    /**
     * Whether the broker checks ACL; the producers sign as its super user, {@link
     * io.liftoff.embedded.EmbeddedRocketMQ#aclAdmin()}.
     */
    boolean acl() default false;

    /**
     * Properties of the broker's {@code broker.conf}, {@code key=value}, e.g. {@code
     * maxMessageSize=65536}.
     */
    String[] brokerProperties() default {};

    /**
     * Property to publish the name-server address under, for code that reads it rather than the
     * producers (e.g. rocketmq-spring's consumers read {@code rocketmq.name-server}); empty for
     * none.
     */
    String nameServerProperty() default "rocketmq.name-server";
}
