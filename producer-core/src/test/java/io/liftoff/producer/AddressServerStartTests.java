package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.liftoff.producer.internal.route.AddressServerException;
import io.liftoff.producer.internal.route.LocalAddressServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A producer that takes its name servers from a real HTTP address server on 127.0.0.1; no broker is
 * needed, since nothing is sent.
 */
class AddressServerStartTests {

    private final LocalAddressServer local = LocalAddressServer.start();

    @AfterEach
    void close() {
        local.close();
    }

    @Test
    void createShouldUseTheListOfTheAddressServerAndFollowItsChanges() {
        local.answer(200, "127.0.0.1:1;127.0.0.1:2\n");

        try (Producer producer =
                Producer.create(
                        config().nameServerAddressRefreshInterval(Duration.ofMillis(100))
                                .build())) {
            assertThat(nameServers(producer)).containsExactly("127.0.0.1:1", "127.0.0.1:2");

            local.answer(200, "127.0.0.1:3");

            // goal: the next poll (100 ms); the bound only keeps a failure from hanging
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> nameServers(producer).equals(List.of("127.0.0.1:3")));
        }
    }

    @Test
    void createWhenTheAddressServerCannotBeReachedShouldFailNamingTheUrl() throws IOException {
        String url;
        try (ServerSocket socket = new ServerSocket(0)) {
            url = "http://127.0.0.1:" + socket.getLocalPort() + "/rocketmq/nsaddr";
        }
        ProducerConfig config =
                ProducerConfig.builder().nameServerAddressUrl(url).group("nsaddr-down").build();

        // a ProducerException, as every failure of the API; the internal cause says where it came
        assertThatExceptionOfType(ProducerException.class)
                .isThrownBy(() -> Producer.create(config))
                .withCauseInstanceOf(AddressServerException.class)
                .withMessageContaining("cannot start without name servers")
                .withMessageContaining("address server " + url + " could not be reached")
                .withMessageContaining("or set nameServer instead");
    }

    @Test
    void createWhenTheAddressServerGivesNoListShouldFail() {
        local.answer(200, "");

        assertThatExceptionOfType(ProducerException.class)
                .isThrownBy(() -> Producer.create(config().build()))
                .withCauseInstanceOf(AddressServerException.class)
                .withMessageContaining(local.url().toString())
                .withMessageContaining("lists no address");
    }

    private ProducerConfig.Builder config() {
        return ProducerConfig.builder()
                .nameServerAddressUrl(local.url().toString())
                .group("nsaddr-producer")
                // the address server's fetches wait this long: a bound a loaded machine keeps
                .requestTimeout(Duration.ofSeconds(30));
    }

    private static List<String> nameServers(Producer producer) {
        return producer.connectionStatus().nameServers().stream()
                .map(EndpointStatus::address)
                .toList();
    }
}
