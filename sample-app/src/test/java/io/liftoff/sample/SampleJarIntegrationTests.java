package io.liftoff.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample's runnable jar, as a user runs it against a cluster of their own: {@code java
 * -Dspring.aot.enabled=true -jar liftoff-sample-app.jar --rocketmq.name-server=...}, in AOT mode
 * (the code {@code spring-boot:process-aot} generated at build time) on the JVM, against a real
 * broker.
 */
class SampleJarIntegrationTests {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    // bounds against hanging on a loaded machine, not goals
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private static EmbeddedRocketMQ rocketmq;
    private static Process app;
    private static Path output;
    private static int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheJarInAotMode() throws IOException {
        rocketmq = EmbeddedRocketMQ.builder().start();
        rocketmq.createTopic(SampleApplication.ORDERS, 4);
        output = Files.createTempFile("sample-app", ".log");
        app =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Dspring.aot.enabled=true",
                                "-jar",
                                System.getProperty("sample.jar"),
                                "--server.port=0",
                                "--rocketmq.name-server=" + rocketmq.nameServerAddress())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        String started =
                await().atMost(STARTUP)
                        .pollInterval(Duration.ofMillis(200))
                        .until(SampleJarIntegrationTests::log, PORT.asPredicate());
        Matcher matcher = PORT.matcher(started);
        assertThat(matcher.find()).isTrue();
        port = Integer.parseInt(matcher.group(1));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (app != null) {
                app.destroy();
                if (!app.waitFor(60, TimeUnit.SECONDS)) {
                    app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            if (rocketmq != null) {
                rocketmq.close();
            }
            if (output != null) {
                Files.deleteIfExists(output);
            }
        }
    }

    @Test
    void jarShouldRunFromTheAotGeneratedCodeAndPublishToTheGivenNameServer() throws Exception {
        assertThat(log())
                .as("the startup log")
                .contains("Starting AOT-processed SampleApplication");

        HttpResponse<String> response =
                this.http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"orderId\":\"o-aot\",\"customerId\":\"c-1\","
                                                        + "\"amount\":7}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"SEND_OK\"");
        List<MessageExt> published =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(),
                        SampleApplication.ORDERS,
                        1,
                        Duration.ofSeconds(60));
        assertThat(published).extracting(MessageExt::getKeys).containsExactly("o-aot");
        assertThat(new String(published.get(0).getBody(), StandardCharsets.UTF_8))
                .contains("\"orderId\":\"o-aot\"");
    }

    private static String log() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
