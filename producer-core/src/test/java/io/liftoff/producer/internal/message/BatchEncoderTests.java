package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.message.InvalidMessageException;
import io.liftoff.producer.message.Message;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.junit.jupiter.api.Test;

class BatchEncoderTests {

    private static final int LIMIT = 4 * 1024 * 1024;

    private static final byte[] IPV4 = {10, 0, 0, 5};

    private static UniqueIdGenerator ids(byte[] address) {
        return new UniqueIdGenerator(address, 7, 9, () -> 1_000_000L, ZoneId.of("UTC"));
    }

    private static Message.Builder message(String body) {
        return Message.builder("orders").body(body);
    }

    private static List<Message> numbered(int count, int bodyLength) {
        return IntStream.range(0, count)
                .mapToObj(i -> message(String.valueOf(i % 10).repeat(bodyLength)).build())
                .collect(Collectors.toList());
    }

    private static int recordSize(Message message, String id) {
        return 22
                + message.bodyLength()
                + PropertiesCodec.encodeForSend(message, id)
                        .getBytes(StandardCharsets.UTF_8)
                        .length;
    }

    @Test
    void encodeShouldBeDecodedByOfficialDecoderWithEveryField() throws Exception {
        List<Message> messages =
                List.of(
                        message("first")
                                .tags("created")
                                .keys("k1", "k2")
                                .property("città", "Zürich")
                                .flag(3)
                                .build(),
                        message("二番目").shardingKey("order-42").build(),
                        message("third").property("a", "1").tags("paid").build());

        List<EncodedBatch> parts = BatchEncoder.encode(messages, ids(IPV4), LIMIT);

        assertThat(parts).hasSize(1);
        EncodedBatch batch = parts.get(0);
        List<org.apache.rocketmq.common.message.Message> decoded =
                MessageDecoder.decodeMessages(ByteBuffer.wrap(batch.body()));
        assertThat(decoded).hasSize(3);
        assertThat(batch.messageCount()).isEqualTo(3);
        assertThat(batch.topic()).isEqualTo("orders");
        for (int i = 0; i < 3; i++) {
            Message ours = messages.get(i);
            org.apache.rocketmq.common.message.Message theirs = decoded.get(i);
            assertThat(theirs.getBody()).isEqualTo(ours.body());
            assertThat(theirs.getFlag()).isEqualTo(ours.flag());
            assertThat(theirs.getTags()).isEqualTo(ours.tags());
            assertThat(theirs.getKeys())
                    .isEqualTo(ours.keys().isEmpty() ? null : String.join(" ", ours.keys()));
            assertThat(theirs.getProperty(MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX))
                    .isEqualTo(batch.messageIds().get(i));
            assertThat(theirs.isWaitStoreMsgOK()).isTrue();
            ours.properties()
                    .forEach(
                            (name, value) -> assertThat(theirs.getProperty(name)).isEqualTo(value));
        }
        assertThat(decoded.get(1).getProperty(MessageConst.PROPERTY_SHARDING_KEY))
                .isEqualTo("order-42");
    }

    @Test
    void encodeShouldWriteEachRecordByteForByteLikeOfficialEncodeMessage() {
        Message ours = message("hello").tags("t").keys("k").flag(-7).build();

        EncodedBatch batch = BatchEncoder.encode(List.of(ours), ids(IPV4), LIMIT).get(0);

        String id = batch.messageIds().get(0);
        org.apache.rocketmq.common.message.Message theirs =
                new org.apache.rocketmq.common.message.Message("orders", ours.body());
        theirs.setFlag(-7);
        // The same properties in the same order, so that the bytes can be compared.
        MessageAccessor.setProperties(
                theirs,
                new LinkedHashMap<>(
                        PropertiesCodec.decode(PropertiesCodec.encodeForSend(ours, id))));
        assertThat(batch.body()).isEqualTo(MessageDecoder.encodeMessage(theirs));
        ByteBuffer body = batch.bodyBuffer();
        assertThat(body.getInt()).isEqualTo(batch.bodyLength()).isEqualTo(recordSize(ours, id));
        assertThat(body.getInt()).as("magic").isZero();
        assertThat(body.getInt()).as("bodyCRC").isZero();
        assertThat(body.getInt()).as("flag").isEqualTo(-7);
        assertThat(body.getInt()).as("bodyLen").isEqualTo(5);
    }

    @Test
    void encodeShouldGiveEveryMessageItsOwnIdInOrder() throws Exception {
        List<Message> messages = numbered(50, 10);

        EncodedBatch batch =
                BatchEncoder.encode(messages, UniqueIdGenerator.shared(), LIMIT).get(0);

        assertThat(batch.messageIds()).hasSize(50).doesNotHaveDuplicates();
        List<String> decodedIds =
                MessageDecoder.decodeMessages(ByteBuffer.wrap(batch.body())).stream()
                        .map(
                                m ->
                                        m.getProperty(
                                                MessageConst
                                                        .PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX))
                        .collect(Collectors.toList());
        assertThat(decodedIds).isEqualTo(batch.messageIds());
    }

    @Test
    void encodeWhenBatchExceedsLimitShouldSplitGreedilyInOrder() throws Exception {
        List<Message> messages = numbered(10, 100);
        int record = recordSize(messages.get(0), ids(IPV4).next());
        int limit = record * 3 + record / 2;

        List<EncodedBatch> parts = BatchEncoder.encode(messages, ids(IPV4), limit);

        assertThat(parts).extracting(EncodedBatch::messageCount).containsExactly(3, 3, 3, 1);
        List<String> allIds = new ArrayList<>();
        List<byte[]> allBodies = new ArrayList<>();
        for (EncodedBatch part : parts) {
            assertThat(part.bodyLength()).isLessThanOrEqualTo(limit);
            allIds.addAll(part.messageIds());
            for (org.apache.rocketmq.common.message.Message decoded :
                    MessageDecoder.decodeMessages(ByteBuffer.wrap(part.body()))) {
                allBodies.add(decoded.getBody());
            }
        }
        assertThat(allIds).hasSize(10).doesNotHaveDuplicates();
        assertThat(allBodies)
                .containsExactlyElementsOf(
                        messages.stream().map(Message::body).collect(Collectors.toList()));
    }

    @Test
    void encodeWhenPartReachesLimitExactlyShouldKeepItWhole() {
        List<Message> messages = numbered(4, 100);
        int record = recordSize(messages.get(0), ids(IPV4).next());

        List<EncodedBatch> parts = BatchEncoder.encode(messages, ids(IPV4), record * 2);

        assertThat(parts)
                .extracting(EncodedBatch::bodyLength)
                .containsExactly(record * 2, record * 2);
    }

    @Test
    void encodeWhenMessagesDifferInSizeShouldStillFillPartsInOrder() {
        List<Message> messages =
                List.of(
                        message("a".repeat(600)).build(), message("b".repeat(300)).build(),
                        message("c".repeat(300)).build(), message("d".repeat(900)).build());
        String id = ids(IPV4).next();
        int limit = recordSize(messages.get(0), id) + recordSize(messages.get(1), id);

        List<EncodedBatch> parts = BatchEncoder.encode(messages, ids(IPV4), limit);

        assertThat(parts).extracting(EncodedBatch::messageCount).containsExactly(2, 1, 1);
    }

    @Test
    void encodeWhenOneMessageIsOverTheLimitShouldNameItAndUseNoIds() {
        List<Message> messages =
                List.of(message("small").build(), message("x".repeat(900)).build());
        UniqueIdGenerator ids = ids(IPV4);
        int size = recordSize(messages.get(1), ids(IPV4).next());

        assertThatThrownBy(() -> BatchEncoder.encode(messages, ids, 800))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage(
                        "message at index 1 of the batch is "
                                + size
                                + " bytes encoded, over the limit 800; send it on its own or"
                                + " raise maxMessageSize");
        assertThat(ids.next()).isEqualTo(ids(IPV4).next());
    }

    @Test
    void encodeWhenRecordFitsExactlyWithLongIpv6IdShouldAcceptAndOneByteLessRefuse() {
        byte[] ipv6 = new byte[16];
        ipv6[0] = (byte) 0xFD;
        List<Message> messages = List.of(message("x".repeat(100)).build());
        String id = ids(ipv6).next();
        int size = recordSize(messages.get(0), id);

        EncodedBatch batch = BatchEncoder.encode(messages, ids(ipv6), size).get(0);

        assertThat(id).hasSize(56);
        assertThat(batch.bodyLength()).isEqualTo(size);
        assertThatThrownBy(() -> BatchEncoder.encode(messages, ids(ipv6), size - 1))
                .hasMessageContaining(
                        "is " + size + " bytes encoded, over the limit " + (size - 1));
    }

    @Test
    void encodeWhenPropertiesTooLargeShouldNameTheMessage() {
        Message big = message("x").property("p", "v".repeat(32_000)).build();

        assertThatThrownBy(
                        () ->
                                BatchEncoder.encode(
                                        List.of(message("a").build(), big), ids(IPV4), LIMIT))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("properties of message at index 1 of the batch encode to")
                .hasMessageContaining("at most 31743 are allowed");
    }

    @Test
    void encodeWhenMessagesAreNotAListOfArraysShouldWorkToo() {
        List<Message> messages = new LinkedList<>(numbered(3, 5));

        assertThat(BatchEncoder.encode(messages, ids(IPV4), LIMIT).get(0).messageCount())
                .isEqualTo(3);
    }

    @Test
    void encodeWhenListMissingOrEmptyOrHoldsNullShouldExplain() {
        assertThatThrownBy(() -> BatchEncoder.encode(null, ids(IPV4), LIMIT))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("messages must not be null");
        assertThatThrownBy(() -> BatchEncoder.encode(List.of(), ids(IPV4), LIMIT))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("messages must not be empty");
        assertThatThrownBy(
                        () ->
                                BatchEncoder.encode(
                                        Arrays.asList(message("a").build(), null),
                                        ids(IPV4),
                                        LIMIT))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("message at index 1 of the batch is null; remove it");
    }

    @Test
    void encodeWhenTopicsDifferShouldNameBoth() {
        List<Message> messages =
                List.of(message("a").build(), Message.builder("payments").body("b").build());

        assertThatThrownBy(() -> BatchEncoder.encode(messages, ids(IPV4), LIMIT))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(
                        "message at index 1 of the batch has topic 'payments' but message 0 has"
                                + " topic 'orders'")
                .hasMessageContaining("send one batch per topic");
    }

    @Test
    void encodeWhenRetryTopicShouldRefuse() {
        List<Message> messages = List.of(Message.builder("%RETRY%group").body("a").build());

        assertThatThrownBy(() -> BatchEncoder.encode(messages, ids(IPV4), LIMIT))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("topic '%RETRY%group' is a retry topic");
    }

    @Test
    void encodeWhenAMessageIsDelayedShouldSaySendItOnItsOwn() {
        Message levelled = message("b").delayLevel(2).build();
        Message timed = message("b").deliverAt(Instant.parse("2030-01-01T00:00:00Z")).build();
        Message delayed = message("b").deliverAfter(Duration.ofSeconds(1)).build();

        for (Message delayedMessage : List.of(levelled, timed, delayed)) {
            assertThatThrownBy(
                            () ->
                                    BatchEncoder.encode(
                                            List.of(message("a").build(), delayedMessage),
                                            ids(IPV4),
                                            LIMIT))
                    .isInstanceOf(InvalidMessageException.class)
                    .hasMessageContaining("message at index 1 of the batch has delayLevel")
                    .hasMessageContaining("delay is not supported in a batch; send it on its own");
        }
    }

    @Test
    void encodeWhenWaitStoreMessageOkDiffersShouldExplain() {
        List<Message> messages =
                List.of(message("a").build(), message("b").waitStoreMessageOk(false).build());

        assertThatThrownBy(() -> BatchEncoder.encode(messages, ids(IPV4), LIMIT))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(
                        "message at index 1 of the batch has waitStoreMessageOk false but message"
                                + " 0 has true");
    }

    @Test
    void encodeWhenIdsMissingOrLimitNotPositiveShouldExplain() {
        List<Message> messages = List.of(message("a").build());

        assertThatThrownBy(() -> BatchEncoder.encode(messages, null, LIMIT))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("ids must not be null");
        assertThatThrownBy(() -> BatchEncoder.encode(messages, ids(IPV4), 0))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("maxMessageSize must be positive but was 0");
    }

    @Test
    void headerPropertiesShouldHoldOnlyTheSharedWaitFlag() {
        List<Message> waiting = List.of(message("a").build(), message("b").build());
        List<Message> notWaiting = List.of(message("a").waitStoreMessageOk(false).build());

        assertThat(BatchEncoder.headerProperties(waiting)).isEqualTo("WAIT\u0001true\u0002");
        assertThat(BatchEncoder.headerProperties(notWaiting)).isEqualTo("WAIT\u0001false\u0002");
        assertThat(BatchEncoder.encode(notWaiting, ids(IPV4), LIMIT).get(0).headerProperties())
                .isEqualTo("WAIT\u0001false\u0002")
                .doesNotContain(MessageProperties.UNIQ_KEY);
    }

    @Test
    void headerPropertiesShouldCheckTheBatch() {
        assertThatThrownBy(() -> BatchEncoder.headerProperties(List.of()))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("messages must not be empty");
    }

    @Test
    void encodeWhenShardingKeySetShouldKeepItPerMessage() throws Exception {
        List<Message> messages =
                List.of(message("a").shardingKey("s1").build(), message("b").build());

        EncodedBatch batch = BatchEncoder.encode(messages, ids(IPV4), LIMIT).get(0);

        List<org.apache.rocketmq.common.message.Message> decoded =
                MessageDecoder.decodeMessages(ByteBuffer.wrap(batch.body()));
        assertThat(decoded.get(0).getProperty(MessageConst.PROPERTY_SHARDING_KEY)).isEqualTo("s1");
        assertThat(decoded.get(1).getProperty(MessageConst.PROPERTY_SHARDING_KEY)).isNull();
    }

    @Test
    void encodedBatchShouldNotExposeItsStateForWriting() {
        EncodedBatch batch = BatchEncoder.encode(numbered(2, 3), ids(IPV4), LIMIT).get(0);
        byte[] before = batch.body();

        batch.body()[0] = 99;
        ByteBuffer view = batch.bodyBuffer();
        view.getInt();

        assertThat(batch.body()).isEqualTo(before);
        assertThat(batch.bodyBuffer().position()).isZero();
        assertThatThrownBy(() -> view.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> batch.messageIds().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(batch.toString())
                .contains("topic=orders", "messageCount=2", "bodyLength=" + before.length);
    }
}
