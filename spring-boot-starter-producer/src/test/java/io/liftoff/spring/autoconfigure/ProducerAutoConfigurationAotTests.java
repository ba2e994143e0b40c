package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.liftoff.producer.Producer;
import io.liftoff.producer.ProducerClosedException;
import io.liftoff.producer.SendInterceptor;
import io.liftoff.producer.internal.remoting.ChannelHandlerTypes;
import io.liftoff.producer.message.Message;
import io.liftoff.spring.core.ProducerOperations;
import io.liftoff.spring.core.ProducerTemplate;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.aot.AotDetector;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;

/**
 * Runs Spring's AOT engine on a context with a default and two named producers, compiles the code
 * it generates and starts a fresh context from that code alone, as an application processed ahead
 * of time (for a native image or on the JVM) starts. Producers open no connection before their
 * first send, so no broker is needed.
 */
// the generated code calls package-private factory methods: load it with the test's classes
@CompileWithForkedClassLoader
class ProducerAutoConfigurationAotTests {

    private static final List<String> PROPERTIES =
            List.of(
                    "rocketmq.name-server=127.0.0.1:9876",
                    "rocketmq.producer.group=default-producer",
                    "rocketmq.producers.orders.group=orders-producer",
                    "rocketmq.producers.orders.send-message-timeout=5s",
                    "rocketmq.producers.audit.group=audit-producer",
                    "rocketmq.producers.audit.name-server=127.0.0.2:9876");

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    LiftoffProducerAutoConfiguration.class,
                                    ProducerTemplateAutoConfiguration.class))
                    .withUserConfiguration(ApplicationConfiguration.class)
                    .withPropertyValues(PROPERTIES.toArray(String[]::new));

    @Test
    void generatedCodeShouldStartDefaultAndNamedProducersAndTheirTemplates() {
        processAheadOfTime(
                (initializer) -> {
                    Producer orders;
                    Producer audit;
                    try (GenericApplicationContext context = start(initializer, PROPERTIES)) {
                        Producer producer = context.getBean("liftoffProducer", Producer.class);
                        orders = context.getBean("ordersProducer", Producer.class);
                        audit = context.getBean("auditProducer", Producer.class);
                        assertThat(producer.config().group()).isEqualTo("default-producer");
                        assertThat(orders.config().group()).isEqualTo("orders-producer");
                        assertThat(orders.config().nameServer()).isEqualTo("127.0.0.1:9876");
                        assertThat(orders.config().sendTimeout()).isEqualTo(Duration.ofSeconds(5));
                        assertThat(audit.config().group()).isEqualTo("audit-producer");
                        assertThat(audit.config().nameServer()).isEqualTo("127.0.0.2:9876");
                        assertThat(
                                        context.getBean(
                                                        "ordersProducerTemplate",
                                                        ProducerTemplate.class)
                                                .getProducer())
                                .isSameAs(orders);
                        assertThat(
                                        context.getBean(
                                                        "auditProducerTemplate",
                                                        ProducerTemplate.class)
                                                .getProducer())
                                .isSameAs(audit);
                        // still no default candidates: injection by type gets the default ones
                        Injected injected = context.getBean(Injected.class);
                        assertThat(injected.producer()).isSameAs(producer);
                        assertThat(injected.byType()).isSameAs(context.getBean("producerTemplate"));
                        assertThat(injected.byQualifier())
                                .isSameAs(context.getBean("ordersProducerTemplate"));
                        // @ForProducer is read from the generated bean definitions
                        SendInterceptor ordersOnly =
                                context.getBean("ordersInterceptor", SendInterceptor.class);
                        assertThat(orders.config().interceptors()).containsExactly(ordersOnly);
                        assertThat(audit.config().interceptors()).isEmpty();
                        assertThat(producer.config().interceptors()).isEmpty();
                    }
                    // closing the context closed the named producers
                    assertClosed(orders);
                    assertClosed(audit);
                });
    }

    @Test
    void generatedCodeShouldReadNamedProducersPropertiesAtStartup() {
        processAheadOfTime(
                (initializer) -> {
                    List<String> changed =
                            PROPERTIES.stream()
                                    .map(
                                            (property) ->
                                                    property.replace(
                                                            "orders-producer", "orders-v2"))
                                    .toList();
                    try (GenericApplicationContext context = start(initializer, changed)) {
                        assertThat(
                                        context.getBean("ordersProducer", Producer.class)
                                                .config()
                                                .group())
                                .isEqualTo("orders-v2");
                    }
                });
    }

    @Test
    void generatedCodeWithoutNamedProducerSeenAtBuildTimeShouldFailNamingIt() {
        processAheadOfTime(
                (initializer) -> {
                    List<String> withoutAudit =
                            PROPERTIES.stream()
                                    .filter((property) -> !property.contains(".audit."))
                                    .toList();
                    GenericApplicationContext context = new GenericApplicationContext();
                    TestPropertyValues.of(withoutAudit).applyTo(context);
                    initializer.initialize(context);
                    Throwable failure = null;
                    try {
                        refreshAsAot(context);
                    } catch (RuntimeException ex) {
                        failure = ex;
                    } finally {
                        context.close();
                    }
                    assertThat(failure)
                            .rootCause()
                            .isInstanceOf(InvalidProducerPropertyException.class)
                            .hasMessage(
                                    "Property 'rocketmq.producers.audit.group' is not set; the"
                                            + " Liftoff producer needs it.");
                });
    }

    @Test
    void processingShouldContributeHintsForPropertiesDestroyMethodsAndChannelHandlers() {
        this.contextRunner.prepare(
                (context) -> {
                    TestGenerationContext generationContext =
                            new TestGenerationContext(ProducerAutoConfigurationAotTests.class);
                    new ApplicationContextAotGenerator()
                            .processAheadOfTime(
                                    (GenericApplicationContext)
                                            context.getSourceApplicationContext(),
                                    generationContext);
                    RuntimeHints hints = generationContext.getRuntimeHints();
                    ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();
                    // nested property groups bound by their setters
                    assertThat(
                                    reflection.onMethodInvocation(
                                            BackPressureProperties.class, "setMaxInFlightMessages"))
                            .accepts(hints);
                    assertThat(
                                    reflection.onMethodInvocation(
                                            ProducerSslProperties.class, "setBundle"))
                            .accepts(hints);
                    assertThat(
                                    reflection.onMethodInvocation(
                                            RocketMQProperties.NamedProducer.class,
                                            "setNameServer"))
                            .accepts(hints);
                    // the destroy method of the named producers
                    assertThat(reflection.onMethodInvocation(Producer.class, "close"))
                            .accepts(hints);
                    // and, through aot.factories, ProducerRuntimeHints
                    assertThat(ChannelHandlerTypes.all())
                            .allSatisfy(
                                    (type) -> assertThat(reflection.onType(type)).accepts(hints));
                });
    }

    /**
     * Processes the runner's context ahead of time and hands the initializer that the compiled code
     * provides to {@code action}.
     */
    @SuppressWarnings("unchecked")
    private void processAheadOfTime(
            Consumer<ApplicationContextInitializer<GenericApplicationContext>> action) {
        this.contextRunner.prepare(
                (context) -> {
                    TestGenerationContext generationContext =
                            new TestGenerationContext(ProducerAutoConfigurationAotTests.class);
                    ClassName initializer =
                            new ApplicationContextAotGenerator()
                                    .processAheadOfTime(
                                            (GenericApplicationContext)
                                                    context.getSourceApplicationContext(),
                                            generationContext);
                    generationContext.writeGeneratedContent();
                    TestCompiler.forSystem()
                            .with(generationContext)
                            .compile(
                                    (compiled) ->
                                            action.accept(
                                                    compiled.getInstance(
                                                            ApplicationContextInitializer.class,
                                                            initializer.toString())));
                });
    }

    private static GenericApplicationContext start(
            ApplicationContextInitializer<GenericApplicationContext> initializer,
            List<String> properties) {
        GenericApplicationContext context = new GenericApplicationContext();
        TestPropertyValues.of(properties).applyTo(context);
        initializer.initialize(context);
        refreshAsAot(context);
        return context;
    }

    /** Refreshes the context as an application started from generated code does. */
    private static void refreshAsAot(GenericApplicationContext context) {
        TestPropertyValues.of(AotDetector.AOT_ENABLED + "=true")
                .applyToSystemProperties(context::refresh);
    }

    private static void assertClosed(Producer producer) {
        Message message = Message.builder("orders").body("late").build();
        assertThatExceptionOfType(ProducerClosedException.class)
                .isThrownBy(() -> producer.sendOneway(message));
    }

    record Injected(Producer producer, ProducerOperations byType, ProducerOperations byQualifier) {}

    @Configuration(proxyBeanMethods = false)
    static class ApplicationConfiguration {

        @Bean
        Injected injected(
                Producer producer,
                ProducerOperations byType,
                @Qualifier("ordersProducerTemplate") ProducerOperations byQualifier) {
            return new Injected(producer, byType, byQualifier);
        }

        @Bean
        @ForProducer("orders")
        SendInterceptor ordersInterceptor() {
            return (message) -> message;
        }
    }
}
