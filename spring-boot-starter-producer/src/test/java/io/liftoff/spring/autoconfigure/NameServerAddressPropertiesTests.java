package io.liftoff.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.liftoff.producer.EndpointStatus;
import io.liftoff.producer.Producer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code rocketmq.name-server-address-url} against a real HTTP server on 127.0.0.1. */
class NameServerAddressPropertiesTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(LiftoffProducerAutoConfiguration.class))
                    .withPropertyValues("rocketmq.producer.group=orders-producer");

    private final InvalidProducerPropertyFailureAnalyzer analyzer =
            new InvalidProducerPropertyFailureAnalyzer();

    private final HttpServer addressServer = startAddressServer("127.0.0.1:9876;127.0.0.1:9877\n");

    @AfterEach
    void stop() {
        this.addressServer.stop(0);
    }

    @Test
    void runWithAddressUrlShouldTakeTheNameServersFromIt() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server-address-url=" + url(this.addressServer),
                        "rocketmq.producer.name-server-address-refresh-interval=30s")
                .run(
                        (context) -> {
                            Producer producer = context.getBean(Producer.class);
                            assertThat(producer.config().nameServerAddressRefreshInterval())
                                    .isEqualTo(Duration.ofSeconds(30));
                            assertThat(producer.connectionStatus().nameServers())
                                    .extracting(EndpointStatus::address)
                                    .containsExactly("127.0.0.1:9876", "127.0.0.1:9877");
                        });
    }

    @Test
    void runWithNameServerAndAddressUrlShouldAskForOne() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server=127.0.0.1:9876",
                        "rocketmq.name-server-address-url=" + url(this.addressServer))
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            FailureAnalysis analysis =
                                    this.analyzer.analyze(context.getStartupFailure());
                            assertThat(analysis.getDescription())
                                    .isEqualTo(
                                            "Properties 'rocketmq.name-server' and"
                                                    + " 'rocketmq.name-server-address-url' are both"
                                                    + " set; the Liftoff producer takes its name"
                                                    + " servers from one.");
                            assertThat(analysis.getAction())
                                    .startsWith("Remove 'rocketmq.name-server' to fetch");
                        });
    }

    @Test
    void runWhenTheAddressServerIsDownShouldNameItsProperty() throws IOException {
        String url;
        try (ServerSocket socket = new ServerSocket(0)) {
            url = "http://127.0.0.1:" + socket.getLocalPort() + "/rocketmq/nsaddr";
        }
        this.contextRunner
                .withPropertyValues("rocketmq.name-server-address-url=" + url)
                .run(
                        (context) -> {
                            assertThat(context).hasFailed();
                            FailureAnalysis analysis =
                                    this.analyzer.analyze(context.getStartupFailure());
                            assertThat(analysis.getDescription())
                                    .startsWith(
                                            "The address server of property"
                                                    + " 'rocketmq.name-server-address-url' gave no"
                                                    + " name servers")
                                    .contains(url + " could not be reached");
                            assertThat(analysis.getAction())
                                    .endsWith("or set 'rocketmq.name-server' instead.");
                        });
    }

    @Test
    void runWithNamedProducerShouldInheritTheAddressUrl() {
        this.contextRunner
                .withPropertyValues(
                        "rocketmq.name-server-address-url=" + url(this.addressServer),
                        "rocketmq.producers.audit.group=audit-producer")
                .run(
                        (context) ->
                                assertThat(
                                                context.getBean("auditProducer", Producer.class)
                                                        .config()
                                                        .nameServerAddressUrl())
                                        .hasValueSatisfying(
                                                (uri) ->
                                                        assertThat(uri.toString())
                                                                .isEqualTo(
                                                                        url(this.addressServer))));
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/rocketmq/nsaddr";
    }

    private static HttpServer startAddressServer(String list) {
        try {
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = list.getBytes(StandardCharsets.UTF_8);
            server.createContext(
                    "/rocketmq/nsaddr",
                    (exchange) -> {
                        exchange.sendResponseHeaders(200, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    });
            server.start();
            return server;
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
