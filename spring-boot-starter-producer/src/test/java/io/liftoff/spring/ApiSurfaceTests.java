package io.liftoff.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.ApiSurface;
import io.liftoff.spring.autoconfigure.LiftoffProducerAutoConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The starter's public types are exactly what {@code api/liftoff-spring-boot-starter.api} says: any
 * change of them is a deliberate, reviewed diff of that file. After a deliberate change, rewrite
 * the file with {@code -Dliftoff.api.update=true} and review the diff.
 */
class ApiSurfaceTests {

    private static final Path DUMP = Path.of("api/liftoff-spring-boot-starter.api");

    private static final String[] PACKAGES = {
        "io.liftoff.spring.autoconfigure",
        "io.liftoff.spring.autoconfigure.actuate",
        "io.liftoff.spring.autoconfigure.health",
        "io.liftoff.spring.autoconfigure.metrics",
        "io.liftoff.spring.autoconfigure.observation",
        "io.liftoff.spring.core",
        "io.liftoff.spring.health",
        "io.liftoff.spring.metrics",
        "io.liftoff.spring.observation"
    };

    @Test
    void apiShouldBeExactlyTheCheckedInSurface() throws Exception {
        List<String> surface = ApiSurface.of(LiftoffProducerAutoConfiguration.class, PACKAGES);
        if (Boolean.getBoolean("liftoff.api.update")) {
            Files.createDirectories(DUMP.getParent());
            Files.write(DUMP, surface);
        }

        assertThat(surface)
                .as(
                        "the starter's public types differ from %s; if the change is deliberate,"
                                + " rewrite it with -Dliftoff.api.update=true and review the diff",
                        DUMP.toAbsolutePath())
                .containsExactlyElementsOf(Files.readAllLines(DUMP));
    }

    @Test
    void apiShouldNeitherTakeNorReturnNorThrowAnInternalType() throws Exception {
        assertThat(ApiSurface.of(LiftoffProducerAutoConfiguration.class, PACKAGES))
                .isNotEmpty()
                .noneMatch(line -> line.contains(".internal."));
    }
}
