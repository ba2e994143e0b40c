package io.liftoff.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.Map;
import org.apache.rocketmq.common.sysflag.MessageSysFlag;
import org.apache.rocketmq.remoting.protocol.header.EndTransactionRequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EndTransactionHeaderTests {

    @Test
    void toExtFieldsShouldEqualTheOfficialHeader() {
        EndTransactionHeader ours =
                new EndTransactionHeader(
                        "orders",
                        "PG",
                        41,
                        2885,
                        TransactionResolution.COMMIT,
                        false,
                        "AC110001000018B4AAC2000000000000",
                        "AC110001000018B4AAC2000000000000",
                        "broker-a");

        EndTransactionRequestHeader official = new EndTransactionRequestHeader();
        official.setTopic("orders");
        official.setProducerGroup("PG");
        official.setTranStateTableOffset(41L);
        official.setCommitLogOffset(2885L);
        official.setCommitOrRollback(MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        official.setFromTransactionCheck(false);
        official.setMsgId("AC110001000018B4AAC2000000000000");
        official.setTransactionId("AC110001000018B4AAC2000000000000");
        official.setBrokerName("broker-a");

        assertThat(ours.toExtFields())
                .isEqualTo(OfficialHeaders.extFields(RequestCode.END_TRANSACTION, official));
    }

    @Test
    void toExtFieldsWhenTransactionIdAndBrokerNameAreNullShouldOmitThemAsTheOfficialHeaderDoes() {
        EndTransactionHeader ours =
                new EndTransactionHeader(
                        "orders", "PG", 0, 0, TransactionResolution.UNKNOWN, true, "M", null, null);

        EndTransactionRequestHeader official = new EndTransactionRequestHeader();
        official.setTopic("orders");
        official.setProducerGroup("PG");
        official.setTranStateTableOffset(0L);
        official.setCommitLogOffset(0L);
        official.setCommitOrRollback(MessageSysFlag.TRANSACTION_NOT_TYPE);
        official.setFromTransactionCheck(true);
        official.setMsgId("M");

        assertThat(ours.toExtFields())
                .isEqualTo(OfficialHeaders.extFields(RequestCode.END_TRANSACTION, official))
                .doesNotContainKeys("transactionId", "bname");
    }

    @ParameterizedTest
    @EnumSource(TransactionResolution.class)
    void toExtFieldsShouldPassTheOfficialBrokerChecks(TransactionResolution resolution)
            throws Exception {
        EndTransactionHeader ours =
                new EndTransactionHeader("t", "PG", 1, 2, resolution, false, "M", "T", "b");

        EndTransactionRequestHeader decoded =
                OfficialHeaders.decode(
                        RequestCode.END_TRANSACTION,
                        ours.toExtFields(),
                        EndTransactionRequestHeader.class);
        decoded.checkFields();

        assertThat(decoded.getCommitOrRollback()).isEqualTo(resolution.code());
        assertThat(decoded.getBrokerName()).isEqualTo("b");
    }

    @Test
    void codeShouldEqualTheOfficialTransactionTypes() {
        assertThat(TransactionResolution.COMMIT.code())
                .isEqualTo(MessageSysFlag.TRANSACTION_COMMIT_TYPE);
        assertThat(TransactionResolution.ROLLBACK.code())
                .isEqualTo(MessageSysFlag.TRANSACTION_ROLLBACK_TYPE);
        assertThat(TransactionResolution.UNKNOWN.code())
                .isEqualTo(MessageSysFlag.TRANSACTION_NOT_TYPE);
    }

    @Test
    void answeringShouldTakeOffsetsTransactionIdAndBrokerNameFromTheCheck() {
        CheckTransactionStateHeader check =
                new CheckTransactionStateHeader(
                        "RMQ_SYS_TRANS_HALF_TOPIC",
                        2,
                        2885,
                        "HEADER-ID",
                        "TX",
                        "7F00000100002A9F0000000000000B45",
                        "broker-a");

        EndTransactionHeader header =
                EndTransactionHeader.answering(
                        check, "PG", "orders", "BODY-ID", TransactionResolution.ROLLBACK);

        assertThat(header)
                .isEqualTo(
                        new EndTransactionHeader(
                                "orders",
                                "PG",
                                2,
                                2885,
                                TransactionResolution.ROLLBACK,
                                true,
                                "BODY-ID",
                                "TX",
                                "broker-a"));
    }

    @Test
    void answeringWhenTheBodyHasNoMsgIdShouldUseTheChecks() {
        CheckTransactionStateHeader check =
                CheckTransactionStateHeader.fromExtFields(
                        Map.of(
                                "tranStateTableOffset", "2",
                                "commitLogOffset", "2885",
                                "msgId", "HEADER-ID"));

        EndTransactionHeader header =
                EndTransactionHeader.answering(
                        check, "PG", "orders", null, TransactionResolution.COMMIT);

        assertThat(header.msgId()).isEqualTo("HEADER-ID");
        assertThat(header.toExtFields()).doesNotContainKeys("transactionId", "bname");
    }

    @Test
    void constructorWhenMsgIdIsNullShouldNameIt() {
        assertThatNullPointerException()
                .isThrownBy(
                        () ->
                                new EndTransactionHeader(
                                        "t",
                                        "PG",
                                        1,
                                        2,
                                        TransactionResolution.COMMIT,
                                        false,
                                        null,
                                        null,
                                        null))
                .withMessage("msgId must not be null");
    }
}
