package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.Credentials;
import io.liftoff.producer.HeaderSerialization;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a server receives from a client with credentials: every request carries the access key and a
 * signature that verifies the way a broker verifies it, over the fields and body as decoded from
 * the wire.
 */
class RequestSigningTests {

    private static final Duration WAIT = FakeServer.WAIT;
    private static final Credentials CREDENTIALS = Credentials.of("orders-app", "s3cr3t-value");

    private RemotingClient client;
    private final ExecutorService handlerExecutor = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.close();
        }
        handlerExecutor.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(HeaderSerialization.class)
    void invokeShouldSendAVerifiableSignature(HeaderSerialization serialization) throws Exception {
        client = newClient(CREDENTIALS, serialization);
        try (FakeServer server = FakeServer.echo()) {
            client.invoke(
                            server.address(),
                            Command.request(
                                    310,
                                    Map.of("a", "PG", "b", "orders", "i", "KEYS\u0001k\u0002"),
                                    "body".getBytes(StandardCharsets.UTF_8)),
                            WAIT)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            Command received = server.take();
            assertThat(received.extFields())
                    .containsEntry("a", "PG")
                    .containsEntry("AccessKey", "orders-app")
                    .doesNotContainKey("SecurityToken");
            assertThat(received.extField("Signature"))
                    .isEqualTo(brokerSignature(received, "s3cr3t-value"));
            assertThat(received.toString()).doesNotContain("s3cr3t-value");
        }
    }

    @Test
    void signedRequestWithABodyViewShouldCarryTheBodyItSigned() throws Exception {
        client = newClient(CREDENTIALS, HeaderSerialization.ROCKETMQ);
        try (FakeServer server = FakeServer.echo()) {
            client.invoke(
                            server.address(),
                            Command.requestWithBodyView(
                                    310,
                                    Map.of("a", "PG", "b", "orders"),
                                    ByteBuffer.wrap("a view".getBytes(StandardCharsets.UTF_8))
                                            .asReadOnlyBuffer()),
                            WAIT)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            Command received = server.take();
            assertThat(received.body()).isEqualTo("a view".getBytes(StandardCharsets.UTF_8));
            assertThat(received.extField("Signature"))
                    .isEqualTo(brokerSignature(received, "s3cr3t-value"));
        }
    }

    @Test
    void onewayRequestsShouldBeSignedToo() throws Exception {
        client = newClient(CREDENTIALS, HeaderSerialization.ROCKETMQ);
        try (FakeServer server = FakeServer.echo()) {
            client.invokeOneway(server.address(), Command.request(320, Map.of("x", "1"), null))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            Command received = server.take();
            assertThat(received.isOneway()).isTrue();
            assertThat(received.extField("Signature"))
                    .isEqualTo(brokerSignature(received, "s3cr3t-value"));
        }
    }

    @Test
    void securityTokenShouldTravelAndBeSigned() throws Exception {
        client =
                newClient(
                        Credentials.of("orders-app", "s3cr3t-value", "t0ken"),
                        HeaderSerialization.ROCKETMQ);
        try (FakeServer server = FakeServer.echo()) {
            client.invoke(server.address(), Command.request(105, Map.of("topic", "t"), null), WAIT)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            Command received = server.take();
            assertThat(received.extField("SecurityToken")).isEqualTo("t0ken");
            assertThat(received.extField("Signature"))
                    .isEqualTo(brokerSignature(received, "s3cr3t-value"));
        }
    }

    @Test
    void withoutCredentialsRequestsShouldCarryNoAclFields() throws Exception {
        client = newClient(null, HeaderSerialization.ROCKETMQ);
        try (FakeServer server = FakeServer.echo()) {
            client.invoke(server.address(), Command.request(105, Map.of("topic", "t"), null), WAIT)
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(server.take().extFields()).containsExactly(Map.entry("topic", "t"));
        }
    }

    @Test
    void answersToServerRequestsShouldStayUnsignedAsTheOfficialClientsAre() throws Exception {
        client = newClient(CREDENTIALS, HeaderSerialization.ROCKETMQ);
        client.registerHandler(
                39,
                (request, remote) -> Command.response(0, null, Map.of(), null),
                handlerExecutor);
        try (FakeServer server = FakeServer.echo()) {
            client.invokeOneway(server.address(), Command.request(34, Map.of(), null))
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            server.take();
            Channel connection = server.takeClient();

            connection.writeAndFlush(
                    Command.request(39, Map.of("x", "y"), null).stamped(7, 479, 0));

            Command answer = server.take();
            assertThat(answer.isResponse()).isTrue();
            assertThat(answer.extFields()).isEmpty();
        }
    }

    private static RemotingClient newClient(
            Credentials credentials, HeaderSerialization serialization) {
        return new RemotingClient(
                RemotingOptions.builder()
                        .threadNamePrefix("signing-test")
                        .headerSerialization(serialization)
                        .credentials(credentials)
                        .build());
    }

    /**
     * The broker's check, written out independently of the client's signer: all received fields but
     * Signature in key order, their values concatenated, then the body, HMAC-SHA1, Base64.
     */
    private static String brokerSignature(Command received, String secret) throws Exception {
        TreeMap<String, String> sorted = new TreeMap<>(received.extFields());
        sorted.remove("Signature");
        StringBuilder text = new StringBuilder();
        sorted.values().forEach(text::append);
        byte[] fields = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = received.body() == null ? new byte[0] : received.body();
        byte[] content = new byte[fields.length + body.length];
        System.arraycopy(fields, 0, content, 0, fields.length);
        System.arraycopy(body, 0, content, fields.length, body.length);
        return hmac(secret, content);
    }

    private static String hmac(String secret, byte[] content) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content));
    }
}
