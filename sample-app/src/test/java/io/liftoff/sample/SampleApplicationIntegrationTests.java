package io.liftoff.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the sample the way README's run command does ({@link TestSampleApplication}: the
 * application's own main plus an embedded broker), drives it over real HTTP and checks what reached
 * the real broker.
 */
class SampleApplicationIntegrationTests {

    private static ConfigurableApplicationContext context;
    private static EmbeddedRocketMQ rocketmq;
    private static int port;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    // what health said before the first message: warm-up, not traffic, found the broker
    private static HttpResponse<String> healthBeforeAnySend;

    @BeforeAll
    static void startTheDevelopmentRun() throws Exception {
        context =
                SpringApplication.from(SampleApplication::main)
                        .with(TestSampleApplication.EmbeddedBroker.class)
                        .run("--server.port=0")
                        .getApplicationContext();
        rocketmq = context.getBean(EmbeddedRocketMQ.class);
        port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        healthBeforeAnySend = get("/actuator/health/rocketmq");
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            // closes the embedded broker too, after the producer drained
            context.close();
        }
    }

    @Test
    void postOrderShouldPublishItAsJsonWithTagAndKey() throws Exception {
        HttpResponse<String> response =
                post("/orders", "{\"orderId\":\"o-42\",\"customerId\":\"c-7\",\"amount\":1999}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"status\":\"SEND_OK\"")
                .contains("\"topic\":\"orders\"");
        List<MessageExt> published =
                OfficialConsumer.readAll(
                        rocketmq.nameServerAddress(), "orders", 1, Duration.ofSeconds(60));
        assertThat(published).hasSize(1);
        MessageExt message = published.get(0);
        assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
                .isEqualTo("{\"orderId\":\"o-42\",\"customerId\":\"c-7\",\"amount\":1999}");
        assertThat(message.getTags()).isEqualTo("created");
        assertThat(message.getKeys()).isEqualTo("o-42");
    }

    @Test
    void asyncOrderlyAndDelayedEndpointsShouldPublish() throws Exception {
        String order = "{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"amount\":5}";

        assertThat(post("/orders/async", order).body()).contains("SEND_OK");
        assertThat(post("/orders/orderly", order).body()).contains("SEND_OK");
        assertThat(post("/reminders?delaySeconds=2", order).body())
                .contains("SEND_OK")
                .contains("\"topic\":\"reminders\"");
    }

    @Test
    void healthAndMetricsShouldShowTheProducer() throws Exception {
        post("/orders", "{\"orderId\":\"o-h\",\"customerId\":\"c-h\",\"amount\":1}");

        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"rocketmq\"");
        HttpResponse<String> timer = get("/actuator/metrics/rocketmq.producer.send");
        assertThat(timer.statusCode()).isEqualTo(200);
        assertThat(timer.body()).contains("\"COUNT\"").contains("\"outcome\"");
    }

    @Test
    void healthShouldListTheWarmedUpBrokerBeforeAnySendAndReadinessShouldIncludeIt()
            throws Exception {
        HttpResponse<String> health = healthBeforeAnySend;

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"status\":\"UP\"")
                .contains("\"" + rocketmq.brokerName() + "\"")
                .contains("\"address\":\"" + rocketmq.brokerAddress() + "\"")
                .contains("\"status\":\"reachable\"");
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"rocketmq\"").contains("\"readinessState\"");
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
