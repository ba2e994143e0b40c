package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.ApiSurface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The user API, {@code io.liftoff.producer} and {@code io.liftoff.producer.message}, is exactly
 * what {@code api/liftoff-producer-core.api} says: any change of it is a deliberate, reviewed diff
 * of that file. After a deliberate change, rewrite the file with {@code -Dliftoff.api.update=true}
 * and review the diff.
 */
class ApiSurfaceTests {

    private static final Path DUMP = Path.of("api/liftoff-producer-core.api");

    @Test
    void apiShouldBeExactlyTheCheckedInSurface() throws Exception {
        List<String> surface =
                ApiSurface.of(Producer.class, "io.liftoff.producer", "io.liftoff.producer.message");
        if (Boolean.getBoolean("liftoff.api.update")) {
            Files.createDirectories(DUMP.getParent());
            Files.write(DUMP, surface);
        }

        assertThat(surface)
                .as(
                        "the public API differs from %s; if the change is deliberate, rewrite"
                                + " it with -Dliftoff.api.update=true and review the diff",
                        DUMP.toAbsolutePath())
                .containsExactlyElementsOf(Files.readAllLines(DUMP));
    }

    @Test
    void apiShouldNeitherTakeNorReturnNorThrowAnInternalType() throws Exception {
        List<String> surface =
                ApiSurface.of(Producer.class, "io.liftoff.producer", "io.liftoff.producer.message");

        assertThat(surface).isNotEmpty().noneMatch(line -> line.contains(".internal."));
    }
}
