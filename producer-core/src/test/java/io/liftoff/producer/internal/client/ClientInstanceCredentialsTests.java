package io.liftoff.producer.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Credentials;
import io.liftoff.producer.HeaderSerialization;
import io.liftoff.producer.TlsOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Producers with different credentials must never share a client, and so never a signer. */
class ClientInstanceCredentialsTests {

    @Test
    void registerShouldGiveProducersWithOtherCredentialsTheirOwnClient() {
        ClientInstance first = ClientInstance.register(options(Credentials.of("a", "1")), "PG");
        ClientInstance second = ClientInstance.register(options(Credentials.of("a", "2")), "PG");
        ClientInstance unsigned = ClientInstance.register(options(null), "PG");
        ClientInstance again = ClientInstance.register(options(Credentials.of("a", "1")), "PG2");
        try {
            assertThat(second).isNotSameAs(first);
            assertThat(unsigned).isNotSameAs(first).isNotSameAs(second);
            assertThat(again).isSameAs(first);
            assertThat(first.remoting().credentials()).contains(Credentials.of("a", "1"));
            assertThat(second.remoting().credentials()).contains(Credentials.of("a", "2"));
            assertThat(unsigned.remoting().credentials()).isEmpty();
        } finally {
            first.releaseProducer("PG");
            again.releaseProducer("PG2");
            second.releaseProducer("PG");
            unsigned.releaseProducer("PG");
        }
    }

    @Test
    void optionsShouldShowTheAccessKeyButNotTheSecret() {
        assertThat(options(Credentials.of("orders-app", "s3cr3t-value")).toString())
                .contains("orders-app")
                .doesNotContain("s3cr3t-value");
    }

    private static ClientOptions options(Credentials credentials) {
        return new ClientOptions(
                List.of("127.0.0.1:1"),
                "credentials-test",
                HeaderSerialization.ROCKETMQ,
                Duration.ofSeconds(1),
                Duration.ofMinutes(10),
                Duration.ofMinutes(10),
                4,
                TlsOptions.disabled(),
                null,
                Duration.ofMinutes(2),
                credentials);
    }
}
