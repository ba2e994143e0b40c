package io.liftoff.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeader;
import org.apache.rocketmq.remoting.protocol.header.SendMessageRequestHeaderV2;
import org.junit.jupiter.api.Test;

class SendMessageHeaderTests {

    @Test
    void toExtFieldsShouldEqualTheOfficialV2Header() {
        String properties = "TAGS\u0001t\u0002UNIQ_KEY\u0001ABC\u0002WAIT\u0001true\u0002";
        SendMessageHeader ours =
                new SendMessageHeader(
                        "PG",
                        "orders",
                        3,
                        0,
                        1_700_000_000_000L,
                        7,
                        properties,
                        "broker-a",
                        SendMessageHeader.AutoCreate.DEFAULT,
                        false);

        SendMessageRequestHeader official = new SendMessageRequestHeader();
        official.setProducerGroup("PG");
        official.setTopic("orders");
        official.setDefaultTopic("TBW102");
        official.setDefaultTopicQueueNums(4);
        official.setQueueId(3);
        official.setSysFlag(0);
        official.setBornTimestamp(1_700_000_000_000L);
        official.setFlag(7);
        official.setProperties(properties);
        official.setReconsumeTimes(0);
        official.setUnitMode(false);
        official.setBatch(false);
        official.setBrokerName("broker-a");
        RemotingCommand command =
                RemotingCommand.createRequestCommand(
                        RequestCode.SEND_MESSAGE_V2,
                        SendMessageRequestHeaderV2.createSendMessageRequestHeaderV2(official));
        command.makeCustomHeaderToNet();

        assertThat(ours.toExtFields()).isEqualTo(new HashMap<>(command.getExtFields()));
    }

    @Test
    void propertyStringWithATrailingUniqueKeyShouldEndWithItAndASeparator() {
        SendMessageHeader header =
                new SendMessageHeader(
                        "PG",
                        "orders",
                        3,
                        0,
                        1L,
                        0,
                        "WAIT\u0001true\u0002UNIQ_KEY\u0001",
                        "broker-a",
                        SendMessageHeader.AutoCreate.DEFAULT,
                        false,
                        "ABC");

        assertThat(header.propertyString())
                .isEqualTo("WAIT\u0001true\u0002UNIQ_KEY\u0001ABC\u0002");
        assertThat(header.toExtFields().get("i")).isEqualTo(header.propertyString());
    }

    @Test
    void fromExtFieldsShouldReadTheBrokersTraceSwitch() {
        Map<String, String> fields =
                Map.of(
                        "msgId",
                        "7F00000100002A9F0000000000000000",
                        "queueId",
                        "0",
                        "queueOffset",
                        "0");
        Map<String, String> off = new HashMap<>(fields);
        off.put("TRACE_ON", "false");
        Map<String, String> on = new HashMap<>(fields);
        on.put("TRACE_ON", "true");

        assertThat(SendMessageResponseHeader.fromExtFields(off).traceOn()).isFalse();
        assertThat(SendMessageResponseHeader.fromExtFields(on).traceOn()).isTrue();
        // a broker that says nothing wants traces, as the official client reads it
        assertThat(SendMessageResponseHeader.fromExtFields(fields).traceOn()).isTrue();
        assertThat(SendMessageResponseHeader.fromExtFields(fields).region())
                .isEqualTo("DefaultRegion");
    }

    @Test
    void fromExtFieldsShouldReadAStoredMessageAnswer() {
        SendMessageResponseHeader header =
                SendMessageResponseHeader.fromExtFields(
                        Map.of(
                                "msgId", "7F00000100002A9F0000000000000000",
                                "queueId", "2",
                                "queueOffset", "41",
                                "transactionId", "AC11",
                                "MSG_REGION", "DefaultRegion",
                                "recallHandle", "handle"));

        assertThat(header)
                .isEqualTo(
                        new SendMessageResponseHeader(
                                "7F00000100002A9F0000000000000000",
                                2,
                                41,
                                "AC11",
                                "DefaultRegion",
                                "handle",
                                true));
    }

    @Test
    void fromExtFieldsWhenQueueIdIsMissingShouldNameTheField() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                SendMessageResponseHeader.fromExtFields(
                                        Map.of("msgId", "x", "queueOffset", "1")))
                .withMessageContaining("'queueId'");
    }
}
