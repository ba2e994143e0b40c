package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Random;
import org.apache.rocketmq.common.UtilAll;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageDecoder;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.Test;

class CommitLogRecordTests {

    private static final String UNIQ_KEY = "7F0000010A2B1C2D3E4F000000000001";
    private static final byte[] BODY =
            "{\"order\":42,\"state\":\"created\"}".repeat(20).getBytes(StandardCharsets.UTF_8);

    /** A half message as the broker hands it to a check-back: real topic restored. */
    private static MessageExt halfMessage(int sysFlag, String bornIp, String storeIp)
            throws Exception {
        MessageExt ext = new MessageExt();
        ext.setTopic("orders");
        ext.setQueueId(3);
        ext.setFlag(5);
        ext.setQueueOffset(42);
        ext.setCommitLogOffset(0x6CF);
        ext.setSysFlag(sysFlag);
        ext.setBornTimestamp(1_700_000_000_000L);
        ext.setBornHost(new InetSocketAddress(InetAddress.getByName(bornIp), 51234));
        ext.setStoreTimestamp(1_700_000_000_123L);
        ext.setStoreHost(new InetSocketAddress(InetAddress.getByName(storeIp), 10911));
        ext.setReconsumeTimes(2);
        ext.setPreparedTransactionOffset(77);
        ext.setBodyCRC(UtilAll.crc32(BODY));
        ext.setBody(BODY);
        MessageAccessor.putProperty(
                ext, MessageConst.PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX, UNIQ_KEY);
        MessageAccessor.putProperty(ext, MessageConst.PROPERTY_TRANSACTION_PREPARED, "true");
        MessageAccessor.putProperty(ext, MessageConst.PROPERTY_PRODUCER_GROUP, "tx-group");
        MessageAccessor.putProperty(ext, MessageConst.PROPERTY_REAL_TOPIC, "orders");
        MessageAccessor.putProperty(ext, MessageConst.PROPERTY_REAL_QUEUE_ID, "3");
        ext.putUserProperty("città", "Zürich");
        return ext;
    }

    private static byte[] officialRecord(int sysFlag, String bornIp, String storeIp)
            throws Exception {
        return MessageDecoder.encode(halfMessage(sysFlag, bornIp, storeIp), false);
    }

    @Test
    void decodeShouldReadEveryFieldOfAnOfficialIpv4Record() throws Exception {
        byte[] record =
                officialRecord(MessageSysFlag.TRANSACTION_PREPARED, "10.0.0.5", "127.0.0.1");

        CommitLogRecord decoded = CommitLogRecord.decode(record);

        assertThat(decoded.magic()).isEqualTo(CommitLogRecord.MAGIC_V1).isEqualTo(-626843481);
        assertThat(decoded.topic()).isEqualTo("orders");
        assertThat(decoded.queueId()).isEqualTo(3);
        assertThat(decoded.flag()).isEqualTo(5);
        assertThat(decoded.queueOffset()).isEqualTo(42);
        assertThat(decoded.commitLogOffset()).isEqualTo(0x6CF);
        assertThat(decoded.sysFlag()).isEqualTo(MessageSysFlag.TRANSACTION_PREPARED);
        assertThat(decoded.bornTimestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(decoded.bornHost()).isEqualTo(new InetSocketAddress("10.0.0.5", 51234));
        assertThat(decoded.storeTimestamp()).isEqualTo(1_700_000_000_123L);
        assertThat(decoded.storeHost()).isEqualTo(new InetSocketAddress("127.0.0.1", 10911));
        assertThat(decoded.reconsumeTimes()).isEqualTo(2);
        assertThat(decoded.preparedTransactionOffset()).isEqualTo(77);
        assertThat(decoded.bodyCrc()).isEqualTo(UtilAll.crc32(BODY));
        assertThat(decoded.body()).isEqualTo(BODY);
        assertThat(decoded.bodyLength()).isEqualTo(BODY.length);
        assertThat(decoded.uniqueKey()).isEqualTo(UNIQ_KEY);
        assertThat(decoded.properties())
                .isEqualTo(MessageDecoder.decode(ByteBuffer.wrap(record)).getProperties())
                .containsEntry("PGROUP", "tx-group")
                .containsEntry("città", "Zürich");
    }

    @Test
    void decodeShouldReadIpv6HostsPerSysFlagBits() throws Exception {
        int bothV6 = MessageSysFlag.BORN_HOST_V6 | MessageSysFlag.STORE_HOST_V6;
        byte[] both = officialRecord(bothV6, "fd00::1", "2001:db8::7");
        byte[] storeOnly = officialRecord(MessageSysFlag.STORE_HOST_V6, "10.0.0.5", "::1");
        byte[] bornOnly = officialRecord(MessageSysFlag.BORN_HOST_V6, "fd00::2", "127.0.0.1");

        CommitLogRecord decodedBoth = CommitLogRecord.decode(both);
        CommitLogRecord decodedStoreOnly = CommitLogRecord.decode(storeOnly);
        CommitLogRecord decodedBornOnly = CommitLogRecord.decode(bornOnly);

        assertThat(both).hasSize(officialRecord(0, "10.0.0.5", "127.0.0.1").length + 24);
        assertThat(decodedBoth.bornHost()).isEqualTo(new InetSocketAddress("fd00::1", 51234));
        assertThat(decodedBoth.storeHost()).isEqualTo(new InetSocketAddress("2001:db8::7", 10911));
        assertThat(decodedStoreOnly.bornHost()).isEqualTo(new InetSocketAddress("10.0.0.5", 51234));
        assertThat(decodedStoreOnly.storeHost()).isEqualTo(new InetSocketAddress("::1", 10911));
        assertThat(decodedBornOnly.bornHost()).isEqualTo(new InetSocketAddress("fd00::2", 51234));
        for (CommitLogRecord decoded :
                Arrays.asList(decodedBoth, decodedStoreOnly, decodedBornOnly)) {
            assertThat(decoded.topic()).isEqualTo("orders");
            assertThat(decoded.body()).isEqualTo(BODY);
            assertThat(decoded.uniqueKey()).isEqualTo(UNIQ_KEY);
            assertThat(decoded.reconsumeTimes()).isEqualTo(2);
        }
    }

    @Test
    void decodeWhenBodyCompressedShouldInflateIt() throws Exception {
        int zlib = MessageSysFlag.COMPRESSED | MessageSysFlag.ZLIB_TYPE;
        MessageExt precompressed = halfMessage(zlib, "10.0.0.5", "127.0.0.1");
        precompressed.setBody(UtilAll.compress(BODY, 5));
        byte[] storedCompressed = MessageDecoder.encode(precompressed, false);
        int bothV6 = MessageSysFlag.BORN_HOST_V6 | MessageSysFlag.STORE_HOST_V6;
        byte[] compressedByEncoder =
                MessageDecoder.encode(halfMessage(zlib | bothV6, "fd00::1", "::1"), true);
        byte[] legacyFlag = MessageDecoder.encode(halfMessage(1, "10.0.0.5", "127.0.0.1"), true);

        assertThat(storedCompressed.length)
                .isLessThan(officialRecord(0, "10.0.0.5", "127.0.0.1").length);
        assertThat(CommitLogRecord.decode(storedCompressed).body()).isEqualTo(BODY);
        assertThat(CommitLogRecord.decode(compressedByEncoder).body()).isEqualTo(BODY);
        assertThat(CommitLogRecord.decode(legacyFlag).body()).isEqualTo(BODY);
        assertThat(CommitLogRecord.decode(storedCompressed).sysFlag()).isEqualTo(zlib);
    }

    @Test
    void decodeShouldReadWhatOurCompressionWrote() throws Exception {
        BodyCompression.Compressed compressed = BodyCompression.zlib(0, 9).compress(BODY);
        MessageExt ext = halfMessage(compressed.sysFlag(), "10.0.0.5", "127.0.0.1");
        ext.setBody(compressed.body());

        assertThat(CommitLogRecord.decode(MessageDecoder.encode(ext, false)).body())
                .isEqualTo(BODY);
    }

    @Test
    void decodeShouldReadTheV2LayoutWithATwoByteTopicLength() throws Exception {
        byte[] v1 = officialRecord(MessageSysFlag.BORN_HOST_V6, "fd00::1", "127.0.0.1");

        CommitLogRecord decoded = CommitLogRecord.decode(toV2(v1));

        assertThat(decoded.magic()).isEqualTo(CommitLogRecord.MAGIC_V2).isEqualTo(-626843477);
        assertThat(decoded.topic()).isEqualTo("orders");
        assertThat(decoded.body()).isEqualTo(BODY);
        assertThat(decoded.uniqueKey()).isEqualTo(UNIQ_KEY);
        assertThat(decoded.properties()).containsEntry("città", "Zürich");
    }

    @Test
    void decodeWhenTotalSizeLargerThanContentShouldIgnoreThePadding() throws Exception {
        MessageExt ext = halfMessage(0, "10.0.0.5", "127.0.0.1");
        ext.setStoreSize(officialRecord(0, "10.0.0.5", "127.0.0.1").length + 16);
        byte[] padded = MessageDecoder.encode(ext, false);

        assertThat(CommitLogRecord.decode(padded).uniqueKey()).isEqualTo(UNIQ_KEY);
    }

    @Test
    void decodeWhenEmptyBodyAndNoPropertiesShouldReturnEmptyValues() throws Exception {
        MessageExt ext = halfMessage(0, "10.0.0.5", "127.0.0.1");
        ext.setBody(new byte[0]);
        MessageAccessor.setProperties(ext, new HashMap<>());

        CommitLogRecord decoded = CommitLogRecord.decode(MessageDecoder.encode(ext, false));

        assertThat(decoded.body()).isEmpty();
        assertThat(decoded.properties()).isEmpty();
        assertThat(decoded.uniqueKey()).isNull();
    }

    @Test
    void decodeWhenCutAnywhereShouldSayTruncatedNeverIndexOutOfBounds() throws Exception {
        byte[] record = officialRecord(MessageSysFlag.STORE_HOST_V6, "10.0.0.5", "::1");

        for (int length = 0; length < record.length; length++) {
            byte[] cut = Arrays.copyOf(record, length);
            Throwable thrown = catchThrowable(() -> CommitLogRecord.decode(cut));
            assertThat(thrown)
                    .as("record cut to %d bytes", length)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void decodeWhenTotalSizeCutsAFieldShouldNameTheField() throws Exception {
        byte[] record = officialRecord(0, "10.0.0.5", "127.0.0.1");

        for (int totalSize = 8; totalSize < record.length; totalSize++) {
            byte[] shrunk = record.clone();
            ByteBuffer.wrap(shrunk).putInt(0, totalSize);
            Throwable thrown = catchThrowable(() -> CommitLogRecord.decode(shrunk));
            assertThat(thrown)
                    .as("totalSize %d", totalSize)
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("commit-log record is truncated: ")
                    .hasMessageContaining("but the record ends at " + totalSize);
        }
        byte[] shrunk = record.clone();
        ByteBuffer.wrap(shrunk).putInt(0, 18);
        assertThatThrownBy(() -> CommitLogRecord.decode(shrunk))
                .hasMessage(
                        "commit-log record is truncated: flag needs 4 bytes at offset 16 but the"
                                + " record ends at 18");
    }

    @Test
    void decodeWhenMagicWrongShouldSayItIsNoRecord() throws Exception {
        byte[] record = officialRecord(0, "10.0.0.5", "127.0.0.1");
        ByteBuffer.wrap(record).putInt(4, 0xCAFEBABE);

        assertThatThrownBy(() -> CommitLogRecord.decode(record))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "commit-log record has magic 0xCAFEBABE but must have 0xDAA320A7 (V1) or"
                                + " 0xDAA320AB (V2); the bytes are not a commit-log record");
    }

    @Test
    void decodeWhenTotalSizeOutOfRangeShouldSaySo() throws Exception {
        byte[] record = officialRecord(0, "10.0.0.5", "127.0.0.1");
        byte[] tooLarge = record.clone();
        ByteBuffer.wrap(tooLarge).putInt(0, record.length + 1);
        byte[] negative = record.clone();
        ByteBuffer.wrap(negative).putInt(0, -1);

        assertThatThrownBy(() -> CommitLogRecord.decode(tooLarge))
                .hasMessage(
                        "commit-log record has totalSize "
                                + (record.length + 1)
                                + " but "
                                + record.length
                                + " bytes; the record is truncated or corrupt");
        assertThatThrownBy(() -> CommitLogRecord.decode(negative))
                .hasMessageContaining("has totalSize -1");
    }

    @Test
    void decodeWhenLengthsGarbledShouldNameTheField() throws Exception {
        byte[] record = officialRecord(0, "10.0.0.5", "127.0.0.1");
        int bodyLengthOffset = 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + 8 + 8 + 8 + 4 + 8;
        int propertiesLengthOffset = bodyLengthOffset + 4 + BODY.length + 1 + "orders".length();
        byte[] negativeBody = record.clone();
        ByteBuffer.wrap(negativeBody).putInt(bodyLengthOffset, -3);
        byte[] hugeBody = record.clone();
        ByteBuffer.wrap(hugeBody).putInt(bodyLengthOffset, Integer.MAX_VALUE);
        byte[] negativeProperties = record.clone();
        ByteBuffer.wrap(negativeProperties).putShort(propertiesLengthOffset, (short) -2);
        byte[] longTopic = record.clone();
        longTopic[bodyLengthOffset + 4 + BODY.length] = (byte) 200;

        assertThatThrownBy(() -> CommitLogRecord.decode(negativeBody))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative length -3 for body");
        assertThatThrownBy(() -> CommitLogRecord.decode(hugeBody))
                .hasMessageContaining("truncated: body needs 2147483647 bytes");
        assertThatThrownBy(() -> CommitLogRecord.decode(negativeProperties))
                .hasMessageContaining("negative length -2 for properties");
        assertThatThrownBy(() -> CommitLogRecord.decode(longTopic))
                .hasMessageContaining("truncated: topic needs 200 bytes");
    }

    @Test
    void decodeWhenPortOutOfRangeShouldSaySo() throws Exception {
        byte[] record = officialRecord(0, "10.0.0.5", "127.0.0.1");
        int bornPortOffset = 4 + 4 + 4 + 4 + 4 + 8 + 8 + 4 + 8 + 4;
        ByteBuffer.wrap(record).putInt(bornPortOffset, 70_000);

        assertThatThrownBy(() -> CommitLogRecord.decode(record))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bornHost port 70000 outside 0..65535");
    }

    @Test
    void decodeWhenCompressedBodyCorruptShouldSaySo() throws Exception {
        byte[] record = officialRecord(MessageSysFlag.COMPRESSED, "10.0.0.5", "127.0.0.1");

        assertThatThrownBy(() -> CommitLogRecord.decode(record))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a zlib stream");
    }

    @Test
    void decodeWhenRandomBytesAfterAValidPrefixShouldOnlyEverThrowIllegalArgument()
            throws Exception {
        byte[] record = officialRecord(0, "10.0.0.5", "127.0.0.1");
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            byte[] garbled = record.clone();
            for (int flips = 0; flips < 4; flips++) {
                garbled[8 + random.nextInt(garbled.length - 8)] = (byte) random.nextInt();
            }
            Throwable thrown = catchThrowable(() -> CommitLogRecord.decode(garbled));
            if (thrown != null) {
                assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void decodeWhenNullShouldNameTheArgument() {
        assertThatThrownBy(() -> CommitLogRecord.decode(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("record must not be null");
    }

    @Test
    void toStringShouldShowShapeButNoValues() throws Exception {
        CommitLogRecord decoded =
                CommitLogRecord.decode(officialRecord(4, "10.0.0.5", "127.0.0.1"));

        assertThat(decoded.toString())
                .contains("topic=orders", "uniqueKey=" + UNIQ_KEY, "sysFlag=0x4", "PGROUP")
                .doesNotContain("tx-group", "Zürich");
    }

    /** Rewrites a V1 record as V2: the other magic and a 2-byte topic length. */
    private static byte[] toV2(byte[] v1) {
        ByteBuffer in = ByteBuffer.wrap(v1);
        int sysFlag = in.getInt(36);
        int bodyLengthOffset =
                4
                        + 4
                        + 4
                        + 4
                        + 4
                        + 8
                        + 8
                        + 4
                        + 8
                        + ((sysFlag & MessageSysFlag.BORN_HOST_V6) != 0 ? 20 : 8)
                        + 8
                        + ((sysFlag & MessageSysFlag.STORE_HOST_V6) != 0 ? 20 : 8)
                        + 4
                        + 8;
        int topicLengthOffset = bodyLengthOffset + 4 + in.getInt(bodyLengthOffset);
        ByteBuffer out = ByteBuffer.allocate(v1.length + 1);
        out.put(v1, 0, topicLengthOffset);
        out.putShort((short) (v1[topicLengthOffset] & 0xFF));
        out.put(v1, topicLengthOffset + 1, v1.length - topicLengthOffset - 1);
        out.putInt(0, v1.length + 1).putInt(4, CommitLogRecord.MAGIC_V2);
        return out.array();
    }
}
