package io.liftoff.producer.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.header.ReplyMessageRequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplyRouterTests {

    private static final Duration LONG = Duration.ofMinutes(1);

    private final ReplyRouter router = new ReplyRouter("10.0.0.1@test");

    @AfterEach
    void close() {
        router.close();
    }

    @Test
    void handleShouldCompleteTheWaitingRequestWithTheReplyWithoutSystemProperties()
            throws Exception {
        CompletableFuture<Message> reply = router.expect("c-1", LONG);
        Map<String, String> properties = replyProperties("c-1");
        properties.put("TAGS", "answer");
        properties.put("KEYS", "k1 k2");
        properties.put("CLUSTER", "DefaultCluster");
        properties.put("order", "42");

        Command response = router.handle(push(properties, 0, bytes("re: hello")), "broker:10911");

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        Message message = reply.get(1, TimeUnit.SECONDS);
        assertThat(message.topic()).isEqualTo("DefaultCluster_REPLY_TOPIC");
        assertThat(message.body()).isEqualTo(bytes("re: hello"));
        assertThat(message.tags()).isEqualTo("answer");
        assertThat(message.keys()).containsExactly("k1", "k2");
        assertThat(message.flag()).isEqualTo(7);
        assertThat(message.properties()).containsExactly(Map.entry("order", "42"));
        assertThat(router.waiting()).isZero();
    }

    @Test
    void handleShouldDecompressAZlibBody() throws Exception {
        byte[] body = "compressible ".repeat(1_000).getBytes(StandardCharsets.UTF_8);
        CompletableFuture<Message> reply = router.expect("c-zip", LONG);

        router.handle(push(replyProperties("c-zip"), 0x301, UtilAll.compress(body, 5)), "b:1");

        assertThat(reply.get(1, TimeUnit.SECONDS).body()).isEqualTo(body);
    }

    @Test
    void handleShouldRouteEachReplyByItsCorrelationId() throws Exception {
        CompletableFuture<Message> first = router.expect("c-a", LONG);
        CompletableFuture<Message> second = router.expect("c-b", LONG);

        router.handle(push(replyProperties("c-b"), 0, bytes("b")), "b:1");
        router.handle(push(replyProperties("c-a"), 0, bytes("a")), "b:1");

        assertThat(first.get(1, TimeUnit.SECONDS).body()).isEqualTo(bytes("a"));
        assertThat(second.get(1, TimeUnit.SECONDS).body()).isEqualTo(bytes("b"));
    }

    @Test
    void expectWhenNoReplyArrivesShouldTimeOutAndThenDropTheLateReply() {
        CompletableFuture<Message> reply = router.expect("c-late", Duration.ofMillis(20));

        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TimeoutException.class)
                .hasMessage("no reply with correlation id 'c-late' within 20 ms");
        assertThat(router.waiting()).isZero();

        Command response = router.handle(push(replyProperties("c-late"), 0, bytes("x")), "b:1");

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThat(router.waiting()).isZero();
    }

    @Test
    void expectWhenTheCallerFailsTheFutureShouldStopWaiting() {
        CompletableFuture<Message> reply = router.expect("c-failed", LONG);

        reply.completeExceptionally(new IllegalStateException("send failed"));

        assertThat(router.waiting()).isZero();
    }

    @Test
    void expectWhenTheIdIsAwaitedAlreadyShouldRefuse() {
        router.expect("c-twice", LONG);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> router.expect("c-twice", LONG))
                .withMessageContaining("'c-twice' is awaited already");
        assertThat(router.waiting()).isOne();
    }

    @Test
    void expectWhenTimeoutIsNotPositiveShouldRefuse() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> router.expect("c-zero", Duration.ZERO))
                .withMessageContaining("timeout must be positive");
        assertThat(router.waiting()).isZero();
    }

    @Test
    void handleWhenTheBodyCannotBeReadShouldFailTheRequestNamingIt() {
        CompletableFuture<Message> reply = router.expect("c-lz4", LONG);

        Command response =
                router.handle(push(replyProperties("c-lz4"), 0x101, bytes("lz4?")), "b:1");

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
        assertThatThrownBy(() -> reply.get(1, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reply with correlation id 'c-lz4' from broker b:1")
                .hasMessageContaining("LZ4");
        assertThat(router.waiting()).isZero();
    }

    @Test
    void handleWhenThereIsNoCorrelationIdShouldAnswerSuccess() {
        Command response =
                router.handle(push(new HashMap<>(Map.of("a", "b")), 0, bytes("x")), "b:1");

        assertThat(response.code()).isEqualTo(ResponseCode.SUCCESS);
    }

    @Test
    void handleWhenTheHeaderIsUnreadableShouldThrowSoTheBrokerHearsOfIt() {
        Command push =
                Command.request(
                        RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, Map.of("topic", "t"), null);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> router.handle(push, "b:1"))
                .withMessageContaining("PUSH_REPLY_MESSAGE_TO_CLIENT request");
    }

    @Test
    void closeShouldFailWaitingRequestsAndRefuseNewOnes() {
        CompletableFuture<Message> reply = router.expect("c-closed", LONG);

        router.close();

        assertThat(reply).isCompletedExceptionally();
        assertThatThrownBy(reply::join)
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shut down before the reply arrived");
        assertThatIllegalStateException()
                .isThrownBy(() -> router.expect("c-after", LONG))
                .withMessageContaining("is shut down");
        assertThat(router.waiting()).isZero();
    }

    /** The properties a reply made by the official MessageUtil.createReplyMessage carries. */
    private static Map<String, String> replyProperties(String correlationId) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("MSG_TYPE", "reply");
        properties.put("CORRELATION_ID", correlationId);
        properties.put("REPLY_TO_CLIENT", "10.0.0.1@test");
        properties.put("TTL", "3000");
        return properties;
    }

    /** A push as the 5.3.3 broker's ReplyMessageProcessor builds it, via the official codec. */
    private static Command push(Map<String, String> properties, int sysFlag, byte[] body) {
        ReplyMessageRequestHeader header = new ReplyMessageRequestHeader();
        header.setProducerGroup("responders");
        header.setTopic("DefaultCluster_REPLY_TOPIC");
        header.setDefaultTopic("TBW102");
        header.setDefaultTopicQueueNums(4);
        header.setQueueId(0);
        header.setSysFlag(sysFlag);
        header.setBornTimestamp(1_700_000_000_000L);
        header.setFlag(7);
        header.setProperties(MessageDecoder.messageProperties2String(properties));
        header.setReconsumeTimes(0);
        header.setUnitMode(false);
        header.setBornHost("10.0.0.2:53211");
        header.setStoreHost("10.0.0.3:10911");
        header.setStoreTimestamp(1_700_000_000_123L);
        RemotingCommand official =
                RemotingCommand.createRequestCommand(
                        RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, header);
        official.makeCustomHeaderToNet();
        return Command.request(
                RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, official.getExtFields(), body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
