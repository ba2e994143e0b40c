package io.liftoff.producer.internal.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.liftoff.producer.internal.remoting.AddressBackoff;
import io.liftoff.producer.internal.remoting.Backoff;
import io.liftoff.producer.internal.remoting.RemotingClient;
import io.liftoff.producer.internal.remoting.RemotingOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fail-over order and back-off of dead name servers; the "dead" ones are unused local ports, the
 * live one a {@link StalledNameServer} that answers.
 */
class NameServerClientTests {

    private static final Exception DOWN = new IllegalStateException("down");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final AtomicLong clock = new AtomicLong();
    private final AddressBackoff backoff =
            new AddressBackoff(
                    Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30)), clock::get);
    private final RemotingClient remoting =
            new RemotingClient(RemotingOptions.builder().threadNamePrefix("ns-test").build());

    @AfterEach
    void close() {
        remoting.close();
    }

    @Test
    void candidatesShouldSkipNameServersThatAreBackingOff() {
        NameServerClient client = client(List.of("127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3"));

        backoff.failed("127.0.0.1:1", DOWN);

        assertThat(client.candidates()).containsExactly("127.0.0.1:2", "127.0.0.1:3");
    }

    @Test
    void candidatesWhenAllAreBackingOffShouldAskOnlyTheOneWhoseWaitEndsFirst() {
        NameServerClient client = client(List.of("127.0.0.1:1", "127.0.0.1:2"));
        backoff.failed("127.0.0.1:1", DOWN);
        backoff.failed("127.0.0.1:1", DOWN);
        backoff.failed("127.0.0.1:2", DOWN);

        assertThat(client.candidates()).containsExactly("127.0.0.1:2");

        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(client.candidates()).containsExactly("127.0.0.1:2");
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(client.candidates()).containsExactly("127.0.0.1:1", "127.0.0.1:2");
    }

    @Test
    void updateAddressesShouldKeepThePreferredAddressFirstAndTheBackOffOfKeptOnes() {
        NameServerClient client = client(List.of("127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3"));
        backoff.failed("127.0.0.1:2", DOWN);
        backoff.failed("127.0.0.1:3", DOWN);

        assertThat(client.updateAddresses(List.of("127.0.0.1:4", "127.0.0.1:2", "127.0.0.1:1")))
                .isTrue();

        assertThat(client.addresses()).containsExactly("127.0.0.1:4", "127.0.0.1:2", "127.0.0.1:1");
        // :1 answered last (the first of the old list), :2 still backs off
        assertThat(client.candidates()).containsExactly("127.0.0.1:1", "127.0.0.1:4");
        assertThat(backoff.failures("127.0.0.1:2")).isEqualTo(1);
        assertThat(backoff.failures("127.0.0.1:3")).as("removed, forgotten").isZero();
    }

    @Test
    void updateAddressesWhenThePreferredOneIsGoneShouldStartAtTheFirst() {
        NameServerClient client = client(List.of("127.0.0.1:1", "127.0.0.1:2"));

        client.updateAddresses(List.of("127.0.0.1:3", "127.0.0.1:4"));

        assertThat(client.candidates()).containsExactly("127.0.0.1:3", "127.0.0.1:4");
    }

    @Test
    void updateAddressesWhenTheListIsTheSameShouldChangeNothing() {
        NameServerClient client = client(List.of("127.0.0.1:1", "127.0.0.1:2"));
        backoff.failed("127.0.0.1:1", DOWN);

        assertThat(client.updateAddresses(List.of("127.0.0.1:1", "127.0.0.1:2"))).isFalse();
        assertThat(backoff.failures("127.0.0.1:1")).isEqualTo(1);
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> client.updateAddresses(List.of()));
    }

    @Test
    void queryRouteAsyncWhenEveryNameServerIsDownShouldAskEachOnceThenOnlyOne() throws IOException {
        String first = "127.0.0.1:" + unusedPort();
        String second = "127.0.0.1:" + unusedPort();
        NameServerClient client = client(List.of(first, second));

        assertThat(client.queryRouteAsync("t"))
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(RouteLookupException.class)
                .withMessageContaining(first + ": failed to connect")
                .withMessageContaining(second + ": failed to connect");

        assertThat(client.queryRouteAsync("t"))
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .havingCause()
                .isInstanceOf(RouteLookupException.class)
                .withMessageContaining(first + ": ")
                .withMessageContaining(second + ": not asked, backing off after 1 failure(s)");
    }

    @Test
    void queryRouteAsyncShouldFailOverToTheNextNameServerAndPreferIt() throws IOException {
        String dead = "127.0.0.1:" + unusedPort();
        try (StalledNameServer alive = StalledNameServer.start()) {
            alive.answer(Map.of("t", StalledNameServer.route("broker-a", "127.0.0.1:10911", 1)));
            NameServerClient client = client(List.of(dead, alive.address()));

            assertThat(client.queryRouteAsync("t"))
                    .succeedsWithin(WAIT)
                    .satisfies(
                            route ->
                                    assertThat(route.orElseThrow().brokerDatas())
                                            .singleElement()
                                            .matches(b -> b.brokerName().equals("broker-a")));
            assertThat(client.candidates()).containsExactly(alive.address());
            assertThat(alive.requests("t")).isOne();
        }
    }

    private NameServerClient client(List<String> addresses) {
        return new NameServerClient(remoting, addresses, Duration.ofSeconds(3), backoff);
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
