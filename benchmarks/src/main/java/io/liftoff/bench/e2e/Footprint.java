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
 * dependency:build-classpath} wrote. For Liftoff's modules only the jars of the module's runtime
 * dependency tree ({@code mvn dependency:tree -Dscope=runtime}) count: in our own build the Netty
 * BOM lifts native jars out of test-only dependencies onto the runtime classpath, which a consumer
 * of the published module never gets.
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
     * @param core producer-core's jar, runtime classpath file and runtime dependency tree file
     * @param starter the same files of the starter
     * @param officialClasspath rocketmq-client's runtime classpath file, its own jar included
     */
    static Footprint measure(ModuleFiles core, ModuleFiles starter, Path officialClasspath)
            throws IOException {
        Set<Path> coreJars = core.shippedJars(path -> true);
        Set<Path> starterJars = starter.shippedJars(Footprint::notInEveryBootApp);
        Set<Path> official = jars(officialClasspath, path -> true);
        return new Footprint(
                bytes(coreJars),
                bytes(starterJars),
                bytes(official),
                coreJars.size(),
                starterJars.size(),
                official.size());
    }

    /**
     * What the build wrote about one of Liftoff's modules.
     *
     * @param jar the module's own jar
     * @param classpath its {@code dependency:build-classpath} file (runtime scope)
     * @param tree its {@code dependency:tree -Dscope=runtime} text output
     */
    record ModuleFiles(Path jar, Path classpath, Path tree) {

        /** The module's jar and the classpath jars its runtime tree names, filtered by keep. */
        Set<Path> shippedJars(Predicate<Path> keep) throws IOException {
            Set<String> inTree = jarNamesOf(Files.readAllLines(tree));
            Set<Path> jars =
                    jars(
                            classpath,
                            path ->
                                    inTree.contains(path.getFileName().toString())
                                            && keep.test(path));
            jars.add(jar);
            return jars;
        }
    }

    /**
     * The jar file names of the artifacts in a {@code dependency:tree} text output, its first line
     * (the module itself) excepted: {@code group:artifact:type[:classifier]:version:scope} becomes
     * {@code artifact-version[-classifier].jar}.
     */
    static Set<String> jarNamesOf(List<String> treeLines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : treeLines.subList(Math.min(1, treeLines.size()), treeLines.size())) {
            String coordinates = line.replaceFirst("^[|+\\\\\\- ]+", "").trim();
            String[] parts = coordinates.split(":");
            if (parts.length == 5) {
                names.add(parts[1] + "-" + parts[3] + ".jar");
            } else if (parts.length == 6) {
                names.add(parts[1] + "-" + parts[4] + "-" + parts[3] + ".jar");
            }
        }
        return names;
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
