package io.liftoff.producer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageSysFlagTests {

    @Test
    void constantsShouldEqualOfficialClient() {
        assertThat(MessageSysFlag.COMPRESSED)
                .isEqualTo(org.apache.rocketmq.common.sysflag.MessageSysFlag.COMPRESSED_FLAG);
        assertThat(MessageSysFlag.MULTI_TAGS)
                .isEqualTo(org.apache.rocketmq.common.sysflag.MessageSysFlag.MULTI_TAGS_FLAG);
        assertThat(MessageSysFlag.TRANSACTION_NOT_TYPE)
                .isEqualTo(org.apache.rocketmq.common.sysflag.MessageSysFlag.TRANSACTION_NOT_TYPE);
        assertThat(MessageSysFlag.TRANSACTION_PREPARED)
                .isEqualTo(
                        org.apache.rocketmq.common.sysflag.MessageSysFlag
                                .TRANSACTION_PREPARED_TYPE);
        assertThat(MessageSysFlag.TRANSACTION_COMMIT)
                .isEqualTo(
                        org.apache.rocketmq.common.sysflag.MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        assertThat(MessageSysFlag.TRANSACTION_ROLLBACK)
                .isEqualTo(
                        org.apache.rocketmq.common.sysflag.MessageSysFlag
                                .TRANSACTION_ROLLBACK_TYPE);
        assertThat(MessageSysFlag.BORN_HOST_V6)
                .isEqualTo(org.apache.rocketmq.common.sysflag.MessageSysFlag.BORNHOST_V6_FLAG);
        assertThat(MessageSysFlag.STORE_HOST_V6)
                .isEqualTo(
                        org.apache.rocketmq.common.sysflag.MessageSysFlag.STOREHOSTADDRESS_V6_FLAG);
        assertThat(MessageSysFlag.NEED_UNWRAP)
                .isEqualTo(org.apache.rocketmq.common.sysflag.MessageSysFlag.NEED_UNWRAP_FLAG);
        assertThat(MessageSysFlag.INNER_BATCH)
                .isEqualTo(org.apache.rocketmq.common.sysflag.MessageSysFlag.INNER_BATCH_FLAG);
        assertThat(MessageSysFlag.LZ4_TYPE)
                .isEqualTo(org.apache.rocketmq.common.sysflag.MessageSysFlag.COMPRESSION_LZ4_TYPE);
        assertThat(MessageSysFlag.ZSTD_TYPE)
                .isEqualTo(org.apache.rocketmq.common.sysflag.MessageSysFlag.COMPRESSION_ZSTD_TYPE);
        assertThat(MessageSysFlag.ZLIB_TYPE)
                .isEqualTo(org.apache.rocketmq.common.sysflag.MessageSysFlag.COMPRESSION_ZLIB_TYPE);
        assertThat(MessageSysFlag.COMPRESSION_TYPE_MASK)
                .isEqualTo(
                        org.apache.rocketmq.common.sysflag.MessageSysFlag
                                .COMPRESSION_TYPE_COMPARATOR);
    }

    @Test
    void transactionTypeMaskShouldCoverEveryTransactionType() {
        assertThat(MessageSysFlag.TRANSACTION_ROLLBACK & MessageSysFlag.TRANSACTION_TYPE_MASK)
                .isEqualTo(MessageSysFlag.TRANSACTION_ROLLBACK);
        assertThat(
                        org.apache.rocketmq.common.sysflag.MessageSysFlag.getTransactionValue(
                                0xFFFF & MessageSysFlag.TRANSACTION_TYPE_MASK))
                .isEqualTo(MessageSysFlag.TRANSACTION_TYPE_MASK);
    }
}
