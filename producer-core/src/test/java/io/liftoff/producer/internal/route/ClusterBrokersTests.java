package io.liftoff.producer.internal.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.HeaderSerialization;
import io.liftoff.producer.internal.protocol.RequestCode;
import io.liftoff.producer.internal.protocol.ResponseCode;
import io.liftoff.producer.internal.remoting.Command;
import io.liftoff.producer.internal.remoting.FakeServer;
import io.liftoff.producer.internal.remoting.RemotingClient;
import io.liftoff.producer.internal.remoting.RemotingOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster's brokers as a name server lists them (a fake one, which a test can make list no
 * broker on cue): learnt on discovery, replaced by a refresh, kept when the name server lists none
 * or does not answer, and never asked for before discovery.
 */
class ClusterBrokersTests {

    private static final long WAIT_SECONDS = 30;

    private final AtomicReference<String> clusterInfo = new AtomicReference<>();
    private final FakeServer nameServer =
            FakeServer.start(
                    HeaderSerialization.JSON,
                    (client, request) -> {
                        if (request.code() == RequestCode.GET_BROKER_CLUSTER_INFO) {
                            String body = clusterInfo.get();
                            FakeServer.reply(
                                    client,
                                    request,
                                    body == null
                                            ? FakeServer.response(
                                                    ResponseCode.SYSTEM_ERROR, "not now")
                                            : Command.response(
                                                    ResponseCode.SUCCESS,
                                                    null,
                                                    Map.of(),
                                                    body.getBytes(StandardCharsets.UTF_8)));
                        }
                    });
    private final RemotingClient remoting =
            new RemotingClient(RemotingOptions.builder().threadNamePrefix("cluster-test").build());
    private final ClusterBrokers brokers =
            new ClusterBrokers(
                    new NameServerClient(
                            remoting, List.of(nameServer.address()), Duration.ofSeconds(10)));

    @AfterEach
    void close() {
        remoting.close();
        nameServer.close();
    }

    @Test
    void refreshBeforeDiscoveryShouldAskNothing() {
        brokers.refresh();

        assertThat(nameServer.receivedCount()).isZero();
        assertThat(brokers.masters()).isEmpty();
    }

    @Test
    void discoveryShouldLearnTheMastersAndARefreshShouldReplaceThem() throws Exception {
        clusterInfo.set(info("broker-a", "127.0.0.1:10911"));

        assertThat(brokers.discoverAsync().get(WAIT_SECONDS, TimeUnit.SECONDS))
                .containsExactly(Map.entry("broker-a", "127.0.0.1:10911"));

        clusterInfo.set(info("broker-b", "127.0.0.1:10921"));
        brokers.refresh();

        assertThat(brokers.masters()).containsExactly(Map.entry("broker-b", "127.0.0.1:10921"));
    }

    @Test
    void refreshWhenTheNameServerListsNoMasterOrFailsShouldKeepTheLastOnes() throws Exception {
        clusterInfo.set(info("broker-a", "127.0.0.1:10911"));
        brokers.discoverAsync().get(WAIT_SECONDS, TimeUnit.SECONDS);

        // every broker stopped: the name server forgets them, or lists a slave only
        clusterInfo.set("{\"brokerAddrTable\":{},\"clusterAddrTable\":{}}");
        brokers.refresh();
        clusterInfo.set(
                "{\"brokerAddrTable\":{\"broker-a\":{\"brokerName\":\"broker-a\","
                        + "\"brokerAddrs\":{1:\"127.0.0.1:10912\"}}}}");
        brokers.refresh();
        clusterInfo.set(null);
        brokers.refresh();

        assertThat(brokers.masters()).containsExactly(Map.entry("broker-a", "127.0.0.1:10911"));
    }

    private static String info(String brokerName, String master) {
        return "{\"brokerAddrTable\":{\""
                + brokerName
                + "\":{\"brokerAddrs\":{0:\""
                + master
                + "\"},\"brokerName\":\""
                + brokerName
                + "\",\"cluster\":\"DefaultCluster\"}},\"clusterAddrTable\":{\"DefaultCluster\":[\""
                + brokerName
                + "\"]}}";
    }
}
