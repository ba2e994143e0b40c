package io.liftoff.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import java.util.stream.Stream;
import org.apache.rocketmq.remoting.protocol.header.ReplyMessageRequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplyMessageHeaderTests {

    private static final String PROPERTIES =
            "CORRELATION_ID\u0001c-1\u0002MSG_TYPE\u0001reply\u0002REPLY_TO_CLIENT\u0001"
                    + "10.0.0.1@1#2\u0002TTL\u00013000\u0002";

    @Test
    void fromExtFieldsShouldReadTheOfficialHeader() {
        ReplyMessageHeader ours =
                ReplyMessageHeader.fromExtFields(
                        OfficialHeaders.extFields(
                                RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, official()));

        assertThat(ours)
                .isEqualTo(
                        new ReplyMessageHeader(
                                "responders",
                                "DefaultCluster_REPLY_TOPIC",
                                "TBW102",
                                4,
                                3,
                                1,
                                1_700_000_000_000L,
                                7,
                                PROPERTIES,
                                2,
                                true,
                                "10.0.0.2:53211",
                                "10.0.0.3:10911",
                                1_700_000_000_123L));
    }

    @Test
    void fromExtFieldsWhenNullableFieldsAreMissingShouldUseNeutralValues() {
        ReplyMessageRequestHeader official = official();
        official.setProperties(null);
        official.setReconsumeTimes(null);
        Map<String, String> fields =
                OfficialHeaders.extFields(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, official);
        fields.remove("unitMode");

        ReplyMessageHeader ours = ReplyMessageHeader.fromExtFields(fields);

        assertThat(ours.properties()).isEmpty();
        assertThat(ours.reconsumeTimes()).isZero();
        assertThat(ours.unitMode()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("officialFieldNames")
    void fromExtFieldsWhenAFieldIsMissingShouldFailExactlyWhenTheOfficialHeaderRequiresIt(
            String missing) {
        Map<String, String> fields =
                OfficialHeaders.extFields(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, official());
        fields.remove(missing);

        Throwable ours = catchThrowable(() -> ReplyMessageHeader.fromExtFields(fields));

        if (OfficialHeaders.isRequired(ReplyMessageRequestHeader.class, missing)) {
            assertThat(ours)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lacks header field '" + missing + "'");
        } else {
            assertThat(ours).isNull();
        }
    }

    @Test
    void fromExtFieldsWhenQueueIdIsNotANumberShouldNameTheField() {
        Map<String, String> fields =
                OfficialHeaders.extFields(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, official());
        fields.put("queueId", "three");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplyMessageHeader.fromExtFields(fields))
                .withMessageContaining("PUSH_REPLY_MESSAGE_TO_CLIENT request")
                .withMessageContaining("'queueId' is not a number: 'three'");
    }

    static Stream<String> officialFieldNames() {
        return OfficialHeaders.extFields(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, official())
                .keySet()
                .stream()
                .sorted();
    }

    // filled in as the 5.3.3 broker's ReplyMessageProcessor.pushReplyMessage fills it
    private static ReplyMessageRequestHeader official() {
        ReplyMessageRequestHeader official = new ReplyMessageRequestHeader();
        official.setBornHost("10.0.0.2:53211");
        official.setStoreHost("10.0.0.3:10911");
        official.setStoreTimestamp(1_700_000_000_123L);
        official.setProducerGroup("responders");
        official.setTopic("DefaultCluster_REPLY_TOPIC");
        official.setDefaultTopic("TBW102");
        official.setDefaultTopicQueueNums(4);
        official.setQueueId(3);
        official.setSysFlag(1);
        official.setBornTimestamp(1_700_000_000_000L);
        official.setFlag(7);
        official.setProperties(PROPERTIES);
        official.setReconsumeTimes(2);
        official.setUnitMode(true);
        return official;
    }
}
