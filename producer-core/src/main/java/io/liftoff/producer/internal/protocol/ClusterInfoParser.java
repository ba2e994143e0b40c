package io.liftoff.producer.internal.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the brokers of a name server's ClusterInfo JSON, the answer to GET_BROKER_CLUSTER_INFO:
 * {@code {"brokerAddrTable":{"broker-a":{BrokerData}},"clusterAddrTable":{...}}}. Its broker ids
 * are always unquoted numbers, which the shared parser accepts; everything but the broker table is
 * skipped.
 */
public final class ClusterInfoParser {

    private ClusterInfoParser() {}

    /**
     * The brokers the name server lists, of every cluster.
     *
     * @param body the UTF-8 JSON body of a GET_BROKER_CLUSTER_INFO response, must not be {@code
     *     null}
     * @throws IllegalArgumentException when the body is not valid cluster information
     */
    public static List<TopicRouteData.BrokerData> parse(byte[] body) {
        try (JsonParser parser = TopicRouteDataParser.JSON.createParser(body)) {
            TopicRouteDataParser.expect(parser.nextToken(), JsonToken.START_OBJECT, parser);
            List<TopicRouteData.BrokerData> brokers = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("brokerAddrTable") && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        parser.nextToken();
                        brokers.add(TopicRouteDataParser.broker(parser));
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return List.copyOf(brokers);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid cluster info JSON: " + e.getMessage(), e);
        }
    }
}
