package io.liftoff.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.EmbeddedRocketMQ;
import io.liftoff.embedded.OfficialConsumer;
import io.liftoff.spring.test.WithEmbeddedRocketMQ;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Drives the sample over real HTTP and checks what reached the real broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithEmbeddedRocketMQ(topics = {"orders", "reminders:2"})
class SampleApplicationIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort private int port;

    @Autowired private EmbeddedRocketMQ rocketmq;

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
                        this.rocketmq.nameServerAddress(), "orders", 1, Duration.ofSeconds(60));
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
    void healthShouldListTheWarmedUpBrokerAndReadinessShouldIncludeIt() throws Exception {
        HttpResponse<String> health = get("/actuator/health/rocketmq");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"status\":\"UP\"")
                .contains("\"" + this.rocketmq.brokerName() + "\"")
                .contains("\"address\":\"" + this.rocketmq.brokerAddress() + "\"")
                .contains("\"status\":\"reachable\"");
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"rocketmq\"").contains("\"readinessState\"");
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return this.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
