package io.liftoff.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicRouteDataParserTests {

    // verbatim shape of a 5.3.3 name server answering a version-0 request: unquoted numeric keys
    private static final String PLAIN_5_3_3 =
            "{\"brokerDatas\":[{\"brokerAddrs\":{0:\"127.0.0.1:10911\"},\"brokerName\":\"broker-a\","
                    + "\"cluster\":\"DefaultCluster\",\"enableActingMaster\":false}],"
                    + "\"filterServerTable\":{},\"queueDatas\":[{\"brokerName\":\"broker-a\","
                    + "\"perm\":7,\"readQueueNums\":8,\"topicSysFlag\":0,\"writeQueueNums\":8}]}";

    @Test
    void parseWhenKeysAreUnquotedShouldReadBrokerAddresses() {
        TopicRouteData route = parse(PLAIN_5_3_3);

        assertThat(route.brokerDatas()).hasSize(1);
        TopicRouteData.BrokerData broker = route.brokerDatas().get(0);
        assertThat(broker.brokerName()).isEqualTo("broker-a");
        assertThat(broker.cluster()).isEqualTo("DefaultCluster");
        assertThat(broker.masterAddress()).isEqualTo("127.0.0.1:10911");
        assertThat(route.queueDatas())
                .containsExactly(new TopicRouteData.QueueData("broker-a", 8, 8, 7, 0));
        assertThat(route.orderTopicConf()).isNull();
    }

    @Test
    void parseWhenKeysAreQuotedShouldReadSlavesAndUnknownFields() {
        TopicRouteData route =
                parse(
                        "{\"orderTopicConf\":\"broker-a:2\",\"queueDatas\":[],\"brokerDatas\":[{"
                                + "\"brokerName\":\"b\",\"brokerAddrs\":{\"0\":\"h:1\",\"1\":\"h:2\"},"
                                + "\"zoneName\":\"z\",\"extra\":{\"x\":[1,2]}}],"
                                + "\"topicQueueMappingByBroker\":{\"b\":{\"currIdMap\":{0:0}}}}");

        assertThat(route.brokerDatas().get(0).brokerAddrs())
                .isEqualTo(Map.of(0L, "h:1", 1L, "h:2"));
        assertThat(route.orderTopicConf()).isEqualTo("broker-a:2");
    }

    @Test
    void parseWhenTopicIsStaticShouldReadEachBrokersQueueMapping() {
        // the shape of a 5.3.3 name server's plain encoding: currIdMap keys unquoted
        TopicRouteData route =
                parse(
                        "{\"brokerDatas\":[],\"queueDatas\":[],\"topicQueueMappingByBroker\":{"
                                + "\"broker-a\":{\"bname\":\"broker-a\",\"currIdMap\":{0:0,2:1},"
                                + "\"dirty\":false,\"epoch\":1765080000000,\"scope\":\"__global__\","
                                + "\"topic\":\"t\",\"totalQueues\":4},"
                                + "\"broker-b\":{\"bname\":\"broker-b\",\"currIdMap\":{\"1\":0},"
                                + "\"epoch\":\"1765080000001\",\"scope\":\"__global__\","
                                + "\"totalQueues\":4}}}");

        assertThat(route.isStaticTopic()).isTrue();
        assertThat(route.queueMappingByBroker())
                .containsOnly(
                        Map.entry(
                                "broker-a",
                                new TopicRouteData.QueueMapping(
                                        "__global__",
                                        4,
                                        "broker-a",
                                        1765080000000L,
                                        Map.of(0, 0, 2, 1))),
                        Map.entry(
                                "broker-b",
                                new TopicRouteData.QueueMapping(
                                        "__global__",
                                        4,
                                        "broker-b",
                                        1765080000001L,
                                        Map.of(1, 0))));
    }

    @Test
    void parseWhenTopicIsNotStaticShouldHaveNoQueueMapping() {
        assertThat(parse(PLAIN_5_3_3).isStaticTopic()).isFalse();
    }

    @Test
    void parseWhenBodyIsNotJsonShouldSaySo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("not json"))
                .withMessageContaining("invalid route JSON");
    }

    @Test
    void parseWhenBodyUsesFastjsonReferenceShouldRefuseIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("{\"$ref\":\"$.brokerDatas[0]\"}"))
                .withMessageContaining("fastjson reference");
    }

    @Test
    void parseWhenBrokerIdIsNotNumericShouldNameIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                parse(
                                        "{\"brokerDatas\":[{\"brokerName\":\"b\","
                                                + "\"brokerAddrs\":{\"master\":\"h:1\"}}]}"))
                .withMessageContaining("'master'");
    }

    private static TopicRouteData parse(String json) {
        return TopicRouteDataParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
