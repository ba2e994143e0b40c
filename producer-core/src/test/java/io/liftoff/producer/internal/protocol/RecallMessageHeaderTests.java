package io.liftoff.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.header.RecallMessageRequestHeader;
import org.junit.jupiter.api.Test;

class RecallMessageHeaderTests {

    private static final String HANDLE = "djEgb3JkZXJzIGJyb2tlci1hIDE3MDAwMDAwMDAwMDAgQUMxMQ==";

    @Test
    void toExtFieldsShouldEqualTheOfficialHeader() {
        RecallMessageHeader ours = new RecallMessageHeader("PG", "orders", HANDLE, "broker-a");

        RecallMessageRequestHeader official = new RecallMessageRequestHeader();
        official.setProducerGroup("PG");
        official.setTopic("orders");
        official.setRecallHandle(HANDLE);
        official.setBrokerName("broker-a");

        assertThat(ours.toExtFields())
                .isEqualTo(OfficialHeaders.extFields(RequestCode.RECALL_MESSAGE, official));
    }

    @Test
    void toExtFieldsShouldPassTheOfficialBrokerChecks() throws Exception {
        RecallMessageHeader ours = new RecallMessageHeader("PG", "orders", HANDLE, "broker-a");

        RecallMessageRequestHeader decoded =
                OfficialHeaders.decode(
                        RequestCode.RECALL_MESSAGE,
                        ours.toExtFields(),
                        RecallMessageRequestHeader.class);
        decoded.checkFields();

        assertThat(decoded.getRecallHandle()).isEqualTo(HANDLE);
        assertThat(decoded.getBrokerName()).isEqualTo("broker-a");
    }

    @Test
    void responseFromExtFieldsShouldReadTheOfficialHeader() {
        Map<String, String> fields = officialResponseFields("AC110001000018B4AAC2000000000000");

        assertThat(RecallMessageResponseHeader.fromExtFields(fields))
                .isEqualTo(
                        new RecallMessageResponseHeader("AC110001000018B4AAC2000000000000", null));
    }

    @Test
    void responseFromExtFieldsWhenMsgIdIsMissingShouldNameIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> RecallMessageResponseHeader.fromExtFields(Map.of("MSG_REGION", "r")))
                .withMessage(
                        "RECALL_MESSAGE response lacks header field 'msgId'; fields: [MSG_REGION]");
    }

    // the official class shares our record's simple name, hence the qualified names
    private static Map<String, String> officialResponseFields(String msgId) {
        RemotingCommand response =
                RemotingCommand.createResponseCommand(
                        org.apache.rocketmq.remoting.protocol.header.RecallMessageResponseHeader
                                .class);
        ((org.apache.rocketmq.remoting.protocol.header.RecallMessageResponseHeader)
                        response.readCustomHeader())
                .setMsgId(msgId);
        response.makeCustomHeaderToNet();
        return response.getExtFields();
    }
}
