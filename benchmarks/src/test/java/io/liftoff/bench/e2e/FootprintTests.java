package io.liftoff.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FootprintTests {

    private static final List<String> TREE =
            List.of(
                    "io.liftoff:liftoff-producer-core:jar:0.1.0-SNAPSHOT",
                    "+- io.netty:netty-handler:jar:4.2.15.Final:compile",
                    "|  \\- io.netty:netty-common:jar:4.2.15.Final:compile",
                    "\\- io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.2.15.Final:runtime");

    @Test
    void jarNamesOfTreeShouldNameEveryDependencyWithItsClassifierButNotTheModule() {
        assertThat(Footprint.jarNamesOf(TREE))
                .containsExactly(
                        "netty-handler-4.2.15.Final.jar",
                        "netty-common-4.2.15.Final.jar",
                        "netty-transport-native-epoll-4.2.15.Final-linux-x86_64.jar");
    }

    @Test
    void measureShouldCountOnlyTheJarsOfTheRuntimeTree(@TempDir Path dir) throws IOException {
        Path handler = jar(dir, "netty-handler-4.2.15.Final.jar", 100);
        Path common = jar(dir, "netty-common-4.2.15.Final.jar", 200);
        Path epoll = jar(dir, "netty-transport-native-epoll-4.2.15.Final-linux-x86_64.jar", 300);
        // on the classpath through a test-only dependency, absent from the runtime tree
        Path quic = jar(dir, "netty-codec-native-quic-4.2.15.Final-linux-x86_64.jar", 5_000);
        Path classpath =
                Files.writeString(
                        dir.resolve("runtime.classpath"),
                        String.join(
                                File.pathSeparator,
                                handler.toString(),
                                common.toString(),
                                epoll.toString(),
                                quic.toString()));
        Path tree = Files.write(dir.resolve("runtime.tree"), TREE);
        Path coreJar = jar(dir, "liftoff-producer-core-0.1.0-SNAPSHOT.jar", 50);
        Path official = Files.writeString(dir.resolve("official.classpath"), quic.toString());

        Footprint footprint =
                Footprint.measure(
                        new Footprint.ModuleFiles(coreJar, classpath, tree),
                        new Footprint.ModuleFiles(coreJar, classpath, tree),
                        official);

        assertThat(footprint.coreJars()).isEqualTo(4);
        assertThat(footprint.coreBytes()).isEqualTo(650);
        assertThat(footprint.officialBytes()).isEqualTo(5_000);
    }

    private static Path jar(Path dir, String name, int bytes) throws IOException {
        return Files.write(dir.resolve(name), new byte[bytes]);
    }
}
