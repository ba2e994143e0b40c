package io.liftoff.spring.autoconfigure;

import io.liftoff.producer.internal.remoting.ChannelHandlerTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What the producer and the starter reach by reflection that Spring's AOT engine does not see, for
 * a GraalVM native image. Registered in {@code META-INF/spring/aot.factories}.
 *
 * <ul>
 *   <li>The producer's own Netty channel handlers, whose public methods Netty looks up when a
 *       handler joins a pipeline; Netty's jars carry the metadata of Netty's own handlers only.
 *   <li>The fields that the producer reaches through {@code VarHandle}s, looked up by name.
 *   <li>Jackson 3's {@code JsonMapper}, whose presence the templates check by name.
 * </ul>
 *
 * The configuration properties, the bean definitions and their factory methods get their hints from
 * Spring itself.
 */
class ProducerRuntimeHints implements RuntimeHintsRegistrar {

    /**
     * Each class of the producer with a field reached through a {@code VarHandle}, and the field.
     */
    private static final String[][] VAR_HANDLE_FIELDS = {
        {"io.liftoff.producer.internal.FlowControlRecord", "expiryScheduled"},
        {"io.liftoff.producer.internal.SendOperation", "ended"}
    };

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        ChannelHandlerTypes.all().forEach((type) -> hints.reflection().registerType(type));
        for (String[] field : VAR_HANDLE_FIELDS) {
            hints.reflection()
                    .registerType(TypeReference.of(field[0]), (type) -> type.withField(field[1]));
        }
        hints.reflection().registerTypeIfPresent(classLoader, TemplateConversions.JSON_MAPPER);
    }
}
