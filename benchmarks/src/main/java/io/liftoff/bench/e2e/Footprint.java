package io.liftoff.bench.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The bytes an application adds to its classpath for a client: the client's jars and their
 * transitive runtime dependencies, read from classpath files that {@code mvn
 * dependency:build-classpath} wrote.
 *
 * <p>For the starter, what every Spring Boot application has anyway is left out: Spring itself,
 * Micrometer, Jackson 3 ({@code tools.jackson}), SLF4J, Logback, Log4j's SLF4J bridge, Jakarta
 * annotations and SnakeYAML. Liftoff's own jars count in full.
 *
 * @param coreBytes producer-core and its runtime dependencies
 * @param starterBytes the starter, producer-core and their runtime dependencies a Boot app lacks
 * @param officialBytes {@code rocketmq-client} 5.3.3 and its runtime dependencies, at its own
 *     versions
 * @param coreJars how many jars {@code coreBytes} counts
 * @param starterJars how many jars {@code starterBytes} counts
 * @param officialJars how many jars {@code officialBytes} counts
 */
record Footprint(
        long coreBytes,
        long starterBytes,
        long officialBytes,
        int coreJars,
        int starterJars,
        int officialJars) {

    private static final List<String> BOOT_APP_HAS_ANYWAY =
            List.of(
                    "/org/springframework/",
                    "/io/micrometer/",
                    "/tools/jackson/",
                    "/com/fasterxml/jackson/core/jackson-annotations/",
                    "/org/slf4j/",
                    "/ch/qos/logback/",
                    "/org/apache/logging/log4j/",
                    "/jakarta/annotation/",
                    "/org/yaml/",
                    "/org/jspecify/",
                    "/org/hdrhistogram/",
                    "/org/latencyutils/");

    /**
     * Reads the footprint.
     *
     * @param coreJar producer-core's jar
     * @param coreClasspath producer-core's runtime classpath file
     * @param starterJar the starter's jar
     * @param starterClasspath the starter's runtime classpath file
     * @param officialClasspath rocketmq-client's runtime classpath file, its own jar included
     */
    static Footprint measure(
            Path coreJar,
            Path coreClasspath,
            Path starterJar,
            Path starterClasspath,
            Path officialClasspath)
            throws IOException {
        Set<Path> core = jars(coreClasspath, path -> true);
        core.add(coreJar);
        Set<Path> starter = jars(starterClasspath, Footprint::notInEveryBootApp);
        starter.add(starterJar);
        Set<Path> official = jars(officialClasspath, path -> true);
        return new Footprint(
                bytes(core),
                bytes(starter),
                bytes(official),
                core.size(),
                starter.size(),
                official.size());
    }

    private static boolean notInEveryBootApp(Path jar) {
        String path = jar.toString().replace(File.separatorChar, '/');
        return BOOT_APP_HAS_ANYWAY.stream().noneMatch(path::contains);
    }

    private static Set<Path> jars(Path classpathFile, Predicate<Path> keep) throws IOException {
        Set<Path> jars = new LinkedHashSet<>();
        for (String entry : Files.readString(classpathFile).trim().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path jar = Path.of(entry.trim());
                if (keep.test(jar)) {
                    jars.add(jar);
                }
            }
        }
        return jars;
    }

    private static long bytes(Set<Path> jars) throws IOException {
        long total = 0;
        for (Path jar : jars) {
            total += Files.size(jar);
        }
        return total;
    }
}
