package io.liftoff.producer.internal.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fetching the name-server list from a real HTTP server on 127.0.0.1. */
class AddressServerTests {

    private final LocalAddressServer local = LocalAddressServer.start();
    // a timeout a loaded machine keeps: the local server's answer, not a timeout, is under test
    private final AddressServer server = new AddressServer(local.url(), Duration.ofSeconds(30));

    @AfterEach
    void close() {
        local.close();
    }

    @Test
    void fetchShouldSplitTheListAndIgnoreLineBreaks() {
        local.answer(200, "127.0.0.1:9876;\r\n10.0.0.2:9876\n");

        assertThat(server.fetch()).containsExactly("127.0.0.1:9876", "10.0.0.2:9876");
    }

    @Test
    void fetchWhenTheStatusIsNot200ShouldNameTheUrlAndTheStatus() {
        local.answer(503, "busy");

        assertThatExceptionOfType(AddressServerException.class)
                .isThrownBy(server::fetch)
                .withMessageContaining("address server " + local.url())
                .withMessageContaining("answered HTTP 503");
    }

    @Test
    void fetchWhenTheAnswerIsNoListShouldQuoteIt() {
        local.answer(200, "<html><body>It works!</body></html>");

        assertThatExceptionOfType(AddressServerException.class)
                .isThrownBy(server::fetch)
                .withMessageContaining(local.url().toString())
                .withMessageContaining("answered '<html><body>It works!</body></html>'")
                .withMessageContaining("not a name-server list")
                .withMessageContaining("must be 'host:port'");
    }

    @Test
    void fetchWhenTheAnswerIsEmptyShouldSaySo() {
        local.answer(200, "\n");

        assertThatExceptionOfType(AddressServerException.class)
                .isThrownBy(server::fetch)
                .withMessageContaining("lists no address");
    }

    @Test
    void fetchWhenNothingListensShouldNameTheUrl() throws IOException {
        URI url = URI.create("http://127.0.0.1:" + unusedPort() + "/rocketmq/nsaddr");

        assertThatExceptionOfType(AddressServerException.class)
                .isThrownBy(() -> new AddressServer(url, Duration.ofSeconds(30)).fetch())
                .withMessageContaining("address server " + url + " could not be reached");
    }

    @Test
    void urlOfShouldAddPort8080OnlyWhenTheDomainHasNone() {
        assertThat(AddressServer.urlOf("jmenv.tbsite.net", "nsaddr"))
                .isEqualTo(URI.create("http://jmenv.tbsite.net:8080/rocketmq/nsaddr"));
        assertThat(AddressServer.urlOf("127.0.0.1:81", "nsaddr"))
                .isEqualTo(URI.create("http://127.0.0.1:81/rocketmq/nsaddr"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AddressServer.urlOf("jmenv.tbsite.net", ""))
                .withMessageContaining("needs a domain and a subgroup");
    }

    static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
