package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.internal.remoting.ChannelHandlerTypes;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import tools.jackson.databind.json.JsonMapper;

class ProducerRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    private final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

    ProducerRuntimeHintsTests() {
        new ProducerRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
    }

    @Test
    void aotFactoriesShouldRegisterTheRegistrar() {
        assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
                .hasAtLeastOneElementOfType(ProducerRuntimeHints.class);
    }

    @Test
    void registerHintsShouldRegisterTheProducersOwnChannelHandlers() {
        assertThat(ChannelHandlerTypes.all())
                .isNotEmpty()
                .allSatisfy((type) -> assertThat(this.reflection.onType(type)).accepts(this.hints));
    }

    @Test
    void registerHintsShouldRegisterTheFieldsReachedThroughVarHandles() throws Exception {
        // by name, as the producer looks them up: a renamed class or field fails here
        assertThat(
                        this.reflection.onFieldAccess(
                                "io.liftoff.producer.internal.FlowControlRecord",
                                "expiryScheduled"))
                .accepts(this.hints);
        assertThat(
                        this.reflection.onFieldAccess(
                                "io.liftoff.producer.internal.SendOperation", "ended"))
                .accepts(this.hints);
    }

    @Test
    void registerHintsShouldRegisterTheJsonMapperThatTemplatesLookFor() {
        assertThat(TemplateConversions.JSON_MAPPER).isEqualTo(JsonMapper.class.getName());
        assertThat(this.reflection.onType(JsonMapper.class)).accepts(this.hints);
    }
}
