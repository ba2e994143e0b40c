package io.liftoff.producer.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterInfoParserTests {

    @Test
    void parseShouldReadEveryBrokerWithUnquotedIdsAndSkipTheClusterTable() {
        String body =
                "{\"brokerAddrTable\":{\"broker-a\":{\"brokerAddrs\":{0:\"127.0.0.1:10911\","
                        + "1:\"127.0.0.1:10921\"},\"brokerName\":\"broker-a\",\"cluster\":"
                        + "\"DefaultCluster\",\"enableActingMaster\":false},\"broker-b\":{"
                        + "\"brokerAddrs\":{1:\"127.0.0.1:10931\"},\"brokerName\":\"broker-b\","
                        + "\"cluster\":\"Other\"}},\"clusterAddrTable\":{\"DefaultCluster\":"
                        + "[\"broker-a\"],\"Other\":[\"broker-b\"]}}";

        assertThat(ClusterInfoParser.parse(body.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(
                        new TopicRouteData.BrokerData(
                                "DefaultCluster",
                                "broker-a",
                                Map.of(0L, "127.0.0.1:10911", 1L, "127.0.0.1:10921")),
                        new TopicRouteData.BrokerData(
                                "Other", "broker-b", Map.of(1L, "127.0.0.1:10931")));
    }

    @Test
    void parseWhenTheNameServerKnowsNoBrokerShouldReturnNone() {
        assertThat(parse("{\"brokerAddrTable\":{},\"clusterAddrTable\":{}}")).isEmpty();
        assertThat(parse("{}")).isEmpty();
    }

    @Test
    void parseWhenBodyIsNotClusterInfoShouldSaySo() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> parse("[1]"))
                .withMessageContaining("expected START_OBJECT");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> parse("{\"brokerAddrTable\":{\"a\":{\"brokerAddrs\":{x:\"h\"}}}}"))
                .withMessageContaining("broker id 'x' is not a number");
    }

    private static java.util.List<TopicRouteData.BrokerData> parse(String json) {
        return ClusterInfoParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
