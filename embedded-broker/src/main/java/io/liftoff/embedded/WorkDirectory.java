package io.liftoff.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * The temporary directory of one embedded cluster: the servers' home, configuration, store and
 * logs, all deleted together.
 */
final class WorkDirectory {

    private static final String LOGBACK_CONFIG =
            """
            <configuration>
              <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d %-5level %logger - %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="out"/></root>
            </configuration>
            """;

    private final Path path;

    private WorkDirectory(Path path) {
        this.path = path;
    }

    /** A new, empty temporary directory. */
    static WorkDirectory create() {
        try {
            return new WorkDirectory(Files.createTempDirectory("liftoff-rocketmq-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    Path path() {
        return path;
    }

    /**
     * Writes {@code key=value} lines, the format of {@code broker.conf} and {@code namesrv.conf}.
     */
    Path writeProperties(String fileName, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return Files.writeString(path.resolve(fileName), text);
    }

    /**
     * Writes a flat JSON object, the format of {@code rmq-proxy.json}: {@code true}, {@code false}
     * and integers as such, every other value as a string.
     */
    Path writeJson(String fileName, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder("{\n");
        properties.forEach(
                (key, value) -> {
                    boolean literal = value.matches("true|false|-?[0-9]{1,18}");
                    text.append(text.length() > 2 ? ",\n" : "")
                            .append("  \"")
                            .append(jsonEscaped(key))
                            .append("\": ")
                            .append(literal ? value : "\"" + jsonEscaped(value) + "\"");
                });
        return Files.writeString(path.resolve(fileName), text.append("\n}\n"));
    }

    private static String jsonEscaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** 4.9.x servers refuse to start without these files in their home directory. */
    void writeLogbackConfigs() throws IOException {
        Path conf = Files.createDirectories(path.resolve("conf"));
        Files.writeString(conf.resolve("logback_namesrv.xml"), LOGBACK_CONFIG);
        Files.writeString(conf.resolve("logback_broker.xml"), LOGBACK_CONFIG);
    }

    /**
     * Writes {@code conf/plain_acl.yml}, the accounts of a 4.9 broker's ACL: {@code admin} may do
     * everything, and no address is trusted without a signature.
     */
    void writePlainAcl(AclUser admin) throws IOException {
        Path conf = Files.createDirectories(path.resolve("conf"));
        Files.writeString(
                conf.resolve("plain_acl.yml"),
                """
                globalWhiteRemoteAddresses: []
                accounts:
                  - accessKey: %s
                    secretKey: %s
                    admin: true
                    defaultTopicPerm: PUB|SUB
                    defaultGroupPerm: PUB|SUB
                """
                        .formatted(admin.accessKey(), admin.secretKey()));
    }

    /**
     * Runs {@code stopServers}, then deletes the directory even if they failed; throws the first
     * failure, with a later one suppressed.
     */
    void deleteAfter(Runnable stopServers) {
        RuntimeException failure = null;
        try {
            stopServers.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            delete();
        } catch (IOException e) {
            UncheckedIOException notDeleted = new UncheckedIOException("cannot delete " + path, e);
            if (failure == null) {
                throw notDeleted;
            }
            failure.addSuppressed(notDeleted);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Deletes the directory and everything in it. */
    void delete() throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(
                path,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                            throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e)
                            throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        Files.delete(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
