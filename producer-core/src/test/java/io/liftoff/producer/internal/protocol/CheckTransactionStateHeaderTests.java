package io.liftoff.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import java.util.stream.Stream;
import org.apache.rocketmq.remoting.protocol.header.CheckTransactionStateRequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CheckTransactionStateHeaderTests {

    @Test
    void fromExtFieldsShouldReadTheOfficialHeader() {
        CheckTransactionStateRequestHeader official = official();

        CheckTransactionStateHeader ours =
                CheckTransactionStateHeader.fromExtFields(
                        OfficialHeaders.extFields(RequestCode.CHECK_TRANSACTION_STATE, official));

        assertThat(ours)
                .isEqualTo(
                        new CheckTransactionStateHeader(
                                "RMQ_SYS_TRANS_HALF_TOPIC",
                                2,
                                2885,
                                "AC11AA",
                                "AC11AA",
                                "7F00000100002A9F0000000000000B45",
                                "broker-a"));
    }

    @Test
    void fromExtFieldsWhenTopicAndBrokerNameAreMissingAsFrom49ShouldLeaveThemNull() {
        CheckTransactionStateRequestHeader official = official();
        official.setTopic(null);
        official.setBrokerName(null);

        CheckTransactionStateHeader ours =
                CheckTransactionStateHeader.fromExtFields(
                        OfficialHeaders.extFields(RequestCode.CHECK_TRANSACTION_STATE, official));

        assertThat(ours.topic()).isNull();
        assertThat(ours.brokerName()).isNull();
        assertThat(ours.commitLogOffset()).isEqualTo(2885);
    }

    @ParameterizedTest
    @MethodSource("officialFieldNames")
    void fromExtFieldsWhenAFieldIsMissingShouldFailExactlyWhenTheOfficialHeaderRequiresIt(
            String missing) {
        Map<String, String> fields =
                OfficialHeaders.extFields(RequestCode.CHECK_TRANSACTION_STATE, official());
        fields.remove(missing);

        Throwable ours = catchThrowable(() -> CheckTransactionStateHeader.fromExtFields(fields));

        if (OfficialHeaders.isRequired(CheckTransactionStateRequestHeader.class, missing)) {
            assertThat(ours)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lacks header field '" + missing + "'");
        } else {
            assertThat(ours).isNull();
        }
    }

    @Test
    void fromExtFieldsWhenAnOffsetIsNotANumberShouldNameTheField() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                CheckTransactionStateHeader.fromExtFields(
                                        Map.of(
                                                "tranStateTableOffset", "2",
                                                "commitLogOffset", "x1")))
                .withMessage(
                        "CHECK_TRANSACTION_STATE request header field 'commitLogOffset'"
                                + " is not a number: 'x1'");
    }

    static Stream<String> officialFieldNames() {
        return OfficialHeaders.extFields(RequestCode.CHECK_TRANSACTION_STATE, official())
                .keySet()
                .stream()
                .sorted();
    }

    // the fields of a real 5.3.3 check (PROTOCOL.md §9)
    private static CheckTransactionStateRequestHeader official() {
        CheckTransactionStateRequestHeader official = new CheckTransactionStateRequestHeader();
        official.setTopic("RMQ_SYS_TRANS_HALF_TOPIC");
        official.setTranStateTableOffset(2L);
        official.setCommitLogOffset(2885L);
        official.setMsgId("AC11AA");
        official.setTransactionId("AC11AA");
        official.setOffsetMsgId("7F00000100002A9F0000000000000B45");
        official.setBrokerName("broker-a");
        return official;
    }
}
