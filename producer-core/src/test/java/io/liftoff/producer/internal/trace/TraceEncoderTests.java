package io.liftoff.producer.internal.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.trace.TraceBean;
import org.apache.rocketmq.client.trace.TraceContext;
import org.apache.rocketmq.client.trace.TraceDataEncoder;
import org.apache.rocketmq.client.trace.TraceTransferBean;
import org.apache.rocketmq.client.trace.TraceType;
import org.apache.rocketmq.common.message.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our records against the official client's {@code TraceDataEncoder}, byte for byte. */
class TraceEncoderTests {

    private static final String MESSAGE_ID = "7F00000100002A9F0000000000000001";
    private static final String OFFSET_ID = "7F00000100002A9F00000000000004D2";

    @ParameterizedTest
    @EnumSource(TraceMessageType.class)
    void pubShouldEncodeAsTheOfficialEncoder(TraceMessageType type) {
        TraceRecord.Pub pub =
                new TraceRecord.Pub(
                        1_700_000_000_123L,
                        "DefaultRegion",
                        "orders-producer",
                        "orders",
                        MESSAGE_ID,
                        "created",
                        List.of("order-42", "customer-7"),
                        "127.0.0.1:10911",
                        1234,
                        17,
                        type,
                        OFFSET_ID,
                        true);

        TraceContext official = officialPub(pub);

        assertThat(TraceEncoder.encode(pub))
                .isEqualTo(TraceDataEncoder.encoderFromContextBean(official).getTransData());
        assertThat(keysOf(pub))
                .isEqualTo(TraceDataEncoder.encoderFromContextBean(official).getTransKey());
    }

    @Test
    void pubWithoutTagsOrKeysShouldWriteNullAsTheOfficialEncoder() {
        TraceRecord.Pub pub =
                new TraceRecord.Pub(
                        5L,
                        "DefaultRegion",
                        "g",
                        "t",
                        MESSAGE_ID,
                        null,
                        List.of(),
                        "10.0.0.1:10911",
                        0,
                        0,
                        TraceMessageType.NORMAL,
                        OFFSET_ID,
                        false);

        TraceTransferBean official = TraceDataEncoder.encoderFromContextBean(officialPub(pub));

        assertThat(TraceEncoder.encode(pub)).isEqualTo(official.getTransData());
        assertThat(TraceEncoder.encode(pub)).contains("\u0001null\u0001null\u0001");
        assertThat(keysOf(pub)).isEqualTo(official.getTransKey()).containsExactly(MESSAGE_ID);
    }

    @ParameterizedTest
    @EnumSource(
            value = LocalTransactionState.class,
            names = {"COMMIT_MESSAGE", "ROLLBACK_MESSAGE", "UNKNOW"})
    void endTransactionShouldEncodeAsTheOfficialEncoder(LocalTransactionState state) {
        TraceRecord.EndTransaction end =
                new TraceRecord.EndTransaction(
                        1_700_000_000_999L,
                        "DefaultRegion",
                        "tx-producer",
                        "payments",
                        MESSAGE_ID,
                        "paid",
                        List.of("p-1"),
                        "127.0.0.1:10911",
                        MESSAGE_ID,
                        state.name(),
                        false);
        TraceBean bean = new TraceBean();
        bean.setTopic("payments");
        bean.setMsgId(MESSAGE_ID);
        bean.setTags("paid");
        bean.setKeys("p-1");
        bean.setStoreHost("127.0.0.1:10911");
        bean.setMsgType(MessageType.Trans_msg_Commit);
        bean.setTransactionId(MESSAGE_ID);
        bean.setTransactionState(state);
        bean.setFromTransactionCheck(false);
        TraceContext official = context(TraceType.EndTransaction, end.timestamp(), bean);
        official.setRegionId("DefaultRegion");
        official.setGroupName("tx-producer");

        TraceTransferBean encoded = TraceDataEncoder.encoderFromContextBean(official);

        assertThat(TraceEncoder.encode(end)).isEqualTo(encoded.getTransData());
        assertThat(keysOf(end)).isEqualTo(encoded.getTransKey());
    }

    @Test
    void recallShouldEncodeAsTheOfficialEncoder() {
        TraceRecord.Recall recall =
                new TraceRecord.Recall(42L, "DefaultRegion", "g", "reminders", MESSAGE_ID, true);
        TraceBean bean = new TraceBean();
        bean.setTopic("reminders");
        bean.setMsgId(MESSAGE_ID);
        TraceContext official = context(TraceType.Recall, 42L, bean);
        official.setRegionId("DefaultRegion");
        official.setGroupName("g");
        official.setSuccess(true);

        TraceTransferBean encoded = TraceDataEncoder.encoderFromContextBean(official);

        assertThat(TraceEncoder.encode(recall)).isEqualTo(encoded.getTransData());
        assertThat(keysOf(recall)).isEqualTo(encoded.getTransKey());
    }

    @Test
    void recordsAppendedTogetherShouldDecodeOneByOneWithTheOfficialDecoder() {
        StringBuilder body = new StringBuilder();
        TraceEncoder.append(
                body,
                new TraceRecord.Pub(
                        1L,
                        "DefaultRegion",
                        "g",
                        "orders",
                        MESSAGE_ID,
                        "created",
                        List.of("k"),
                        "127.0.0.1:10911",
                        5,
                        3,
                        TraceMessageType.DELAY,
                        OFFSET_ID,
                        true));
        TraceEncoder.append(
                body,
                new TraceRecord.EndTransaction(
                        2L,
                        "DefaultRegion",
                        "g",
                        "orders",
                        MESSAGE_ID,
                        null,
                        List.of(),
                        "127.0.0.1:10911",
                        MESSAGE_ID,
                        "COMMIT_MESSAGE",
                        true));
        TraceEncoder.append(
                body,
                new TraceRecord.Recall(3L, "DefaultRegion", "g", "orders", MESSAGE_ID, false));

        List<TraceContext> decoded = TraceDataEncoder.decoderFromTraceDataString(body.toString());

        assertThat(decoded)
                .extracting(TraceContext::getTraceType)
                .containsExactly(TraceType.Pub, TraceType.EndTransaction, TraceType.Recall);
        TraceBean pub = decoded.get(0).getTraceBeans().get(0);
        assertThat(pub.getMsgType()).isEqualTo(MessageType.Delay_Msg);
        assertThat(pub.getOffsetMsgId()).isEqualTo(OFFSET_ID);
        assertThat(pub.getBodyLength()).isEqualTo(5);
        assertThat(decoded.get(0).getCostTime()).isEqualTo(3);
        assertThat(decoded.get(0).isSuccess()).isTrue();
        TraceBean end = decoded.get(1).getTraceBeans().get(0);
        assertThat(end.getTransactionState()).isEqualTo(LocalTransactionState.COMMIT_MESSAGE);
        assertThat(end.isFromTransactionCheck()).isTrue();
        assertThat(decoded.get(2).isSuccess()).isFalse();
    }

    @Test
    void messageTypeOrdinalsShouldBeTheOfficialOnes() {
        assertThat(TraceMessageType.values()).hasSameSizeAs(MessageType.values());
        assertThat(TraceMessageType.NORMAL.ordinal()).isEqualTo(MessageType.Normal_Msg.ordinal());
        assertThat(TraceMessageType.TRANSACTION_HALF.ordinal())
                .isEqualTo(MessageType.Trans_Msg_Half.ordinal());
        assertThat(TraceMessageType.TRANSACTION_COMMIT.ordinal())
                .isEqualTo(MessageType.Trans_msg_Commit.ordinal());
        assertThat(TraceMessageType.DELAY.ordinal()).isEqualTo(MessageType.Delay_Msg.ordinal());
        assertThat(TraceMessageType.ORDER.ordinal()).isEqualTo(MessageType.Order_Msg.ordinal());
    }

    private static Set<String> keysOf(TraceRecord record) {
        Set<String> keys = new LinkedHashSet<>();
        TraceEncoder.addKeys(keys, record);
        return keys;
    }

    private static TraceContext officialPub(TraceRecord.Pub pub) {
        TraceBean bean = new TraceBean();
        bean.setTopic(pub.topic());
        bean.setMsgId(pub.messageId());
        bean.setTags(pub.tags());
        bean.setKeys(pub.keys().isEmpty() ? null : String.join(" ", pub.keys()));
        bean.setStoreHost(pub.storeHost());
        bean.setBodyLength(pub.bodyLength());
        bean.setMsgType(MessageType.values()[pub.messageType().ordinal()]);
        bean.setOffsetMsgId(pub.offsetMessageId());
        TraceContext context = context(TraceType.Pub, pub.timestamp(), bean);
        context.setRegionId(pub.region());
        context.setGroupName(pub.group());
        context.setCostTime(pub.costMillis());
        context.setSuccess(pub.success());
        return context;
    }

    private static TraceContext context(TraceType type, long timestamp, TraceBean bean) {
        TraceContext context = new TraceContext();
        context.setTraceType(type);
        context.setTimeStamp(timestamp);
        List<TraceBean> beans = new ArrayList<>();
        beans.add(bean);
        context.setTraceBeans(beans);
        return context;
    }
}
