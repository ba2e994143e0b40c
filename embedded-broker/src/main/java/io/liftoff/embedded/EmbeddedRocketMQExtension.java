package io.liftoff.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit Jupiter extension that gives tests one shared {@link EmbeddedRocketMQ} per test run:
 * started when the first test asks for it, closed when the run ends. Starting a broker costs
 * seconds of CPU, so test classes share one and use topics of their own.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedRocketMQExtension.class)
 * class OrdersIntegrationTests {
 *     @BeforeAll
 *     static void createTopic(EmbeddedRocketMQ rocketmq) {
 *         rocketmq.createTopic("orders", 4);
 *     }
 * }
 * }</pre>
 */
public final class EmbeddedRocketMQExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedRocketMQExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedRocketMQ.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root store closes AutoCloseable values when the whole run ends.
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(
                        EmbeddedRocketMQ.class,
                        key -> EmbeddedRocketMQ.builder().start(),
                        EmbeddedRocketMQ.class);
    }
}
