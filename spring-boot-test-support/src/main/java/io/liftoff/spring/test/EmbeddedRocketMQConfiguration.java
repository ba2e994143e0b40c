package io.liftoff.spring.test;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.spring.autoconfigure.RocketMQConnectionDetails;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportAware;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Runs an application against an embedded RocketMQ during development, without touching its
 * production class path: a test-scope main adds this configuration to the application's own.
 *
 * <pre>{@code
 * public class TestOrdersApplication {
 *     public static void main(String[] args) {
 *         SpringApplication.from(OrdersApplication::main)
 *                 .with(EmbeddedRocketMQConfiguration.class)
 *                 .run(args);
 *     }
 * }
 * }</pre>
 *
 * <p>A cluster of its own is started with the context and closed with it; every producer connects
 * to it through a {@link RocketMQConnectionDetails} bean. Its settings are the properties {@code
 * embedded.rocketmq.topics} ({@code name} or {@code name:queues}, comma separated), {@code
 * embedded.rocketmq.tls}, {@code embedded.rocketmq.acl} and {@code
 * embedded.rocketmq.broker-properties} ({@code key=value}); or, when a configuration class
 * annotated with {@link WithEmbeddedRocketMQ} imports this one, that annotation's attributes (then
 * its {@code nameServerProperty} is not used: the producers need no property).
 */
@TestConfiguration(proxyBeanMethods = false)
public class EmbeddedRocketMQConfiguration implements ImportAware {

    private static final String PREFIX = "embedded.rocketmq.";

    private WithEmbeddedRocketMQ importedBy;

    /** Creates the configuration; Spring calls it. */
    public EmbeddedRocketMQConfiguration() {}

    @Override
    public void setImportMetadata(AnnotationMetadata importMetadata) {
        MergedAnnotation<WithEmbeddedRocketMQ> annotation =
                importMetadata.getAnnotations().get(WithEmbeddedRocketMQ.class);
        this.importedBy = annotation.isPresent() ? annotation.synthesize() : null;
    }

    /**
     * Starts the embedded cluster and creates its topics; the context closes it.
     *
     * @param environment where the {@code embedded.rocketmq.*} properties are read
     * @return the running cluster
     */
    @Bean(destroyMethod = "close")
    public EmbeddedRocketMQ embeddedRocketMQ(Environment environment) {
        Settings settings = settings(environment);
        EmbeddedRocketMQ rocketmq = settings.cluster().start();
        try {
            settings.topics().forEach((topic) -> topic.createOn(rocketmq));
        } catch (RuntimeException ex) {
            try {
                rocketmq.close();
            } catch (RuntimeException cleanup) {
                ex.addSuppressed(cleanup);
            }
            throw ex;
        }
        return rocketmq;
    }

    /** Returns the importing class's annotation's settings, else those of the properties. */
    Settings settings(Environment environment) {
        if (this.importedBy != null) {
            return new Settings(
                    ClusterSpec.of(
                            this.importedBy.tls(),
                            this.importedBy.acl(),
                            this.importedBy.brokerProperties()),
                    topics(this.importedBy.topics()));
        }
        Binder binder = Binder.get(environment);
        String[] none = new String[0];
        return new Settings(
                ClusterSpec.of(
                        binder.bind(PREFIX + "tls", Boolean.class).orElse(false),
                        binder.bind(PREFIX + "acl", Boolean.class).orElse(false),
                        binder.bind(PREFIX + "broker-properties", String[].class).orElse(none)),
                topics(binder.bind(PREFIX + "topics", String[].class).orElse(none)));
    }

    private static List<TopicSpec> topics(String[] specs) {
        return Stream.of(specs).map(TopicSpec::parse).toList();
    }

    /**
     * The cluster to start and the topics to create on it.
     *
     * @param cluster the cluster's settings
     * @param topics the topics
     */
    record Settings(ClusterSpec cluster, List<TopicSpec> topics) {}

    /**
     * Connects every producer of the application to the embedded cluster.
     *
     * @param embeddedRocketMQ the running cluster
     * @return the connection details, which the starter's own defer to and which win over the
     *     application's own
     */
    @Bean
    @Primary
    public RocketMQConnectionDetails embeddedRocketMQConnectionDetails(
            EmbeddedRocketMQ embeddedRocketMQ) {
        return new EmbeddedRocketMQConnectionDetails(
                embeddedRocketMQ, EmbeddedRocketMQConfiguration.class.getSimpleName());
    }
}
