package io.liftoff.producer.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the name server's TopicRouteData JSON with a streaming parser. Old name servers write
 * fastjson's non-standard numeric map keys unquoted ({@code {0:"127.0.0.1:10911"}}), so unquoted
 * field names are accepted; unknown fields are skipped.
 */
public final class TopicRouteDataParser {

    static final JsonFactory JSON =
            JsonFactory.builder().enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();

    private TopicRouteDataParser() {}

    /**
     * Parses a route body.
     *
     * @param body the UTF-8 JSON body of a GET_ROUTEINFO_BY_TOPIC response, must not be {@code
     *     null}
     * @throws IllegalArgumentException when the body is not a valid route
     */
    public static TopicRouteData parse(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, parser);
            List<TopicRouteData.QueueData> queues = List.of();
            List<TopicRouteData.BrokerData> brokers = List.of();
            String orderTopicConf = null;
            Map<String, TopicRouteData.QueueMapping> mappings = Map.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "queueDatas" -> queues = readArray(parser, TopicRouteDataParser::queue);
                    case "brokerDatas" -> brokers = readArray(parser, TopicRouteDataParser::broker);
                    case "orderTopicConf" -> orderTopicConf = parser.getValueAsString();
                    case "topicQueueMappingByBroker" -> mappings = readMappings(parser);
                    case "$ref" ->
                            throw new IllegalArgumentException(
                                    "route uses a fastjson reference, which this client does not resolve");
                    default -> parser.skipChildren();
                }
            }
            return new TopicRouteData(queues, brokers, orderTopicConf, mappings);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid route JSON: " + e.getMessage(), e);
        }
    }

    private static TopicRouteData.QueueData queue(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, parser);
        String brokerName = null;
        int read = 0;
        int write = 0;
        int perm = 0;
        int sysFlag = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "brokerName" -> brokerName = parser.getValueAsString();
                case "readQueueNums" -> read = parser.getValueAsInt();
                case "writeQueueNums" -> write = parser.getValueAsInt();
                case "perm" -> perm = parser.getValueAsInt();
                case "topicSysFlag" -> sysFlag = parser.getValueAsInt();
                default -> parser.skipChildren();
            }
        }
        if (brokerName == null) {
            throw new IllegalArgumentException("route queue data without brokerName");
        }
        return new TopicRouteData.QueueData(brokerName, read, write, perm, sysFlag);
    }

    private static Map<String, TopicRouteData.QueueMapping> readMappings(JsonParser parser)
            throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        expect(parser.currentToken(), JsonToken.START_OBJECT, parser);
        Map<String, TopicRouteData.QueueMapping> mappings = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String broker = parser.currentName();
            parser.nextToken();
            mappings.put(broker, mapping(parser, broker));
        }
        return mappings;
    }

    /** Reads one TopicQueueMappingInfo; {@code bname} defaults to the key it is listed under. */
    private static TopicRouteData.QueueMapping mapping(JsonParser parser, String key)
            throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, parser);
        String scope = null;
        int totalQueues = 0;
        String brokerName = key;
        long epoch = 0;
        Map<Integer, Integer> ids = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "scope" -> scope = parser.getValueAsString();
                case "totalQueues" -> totalQueues = parser.getValueAsInt();
                case "bname" -> brokerName = parser.getValueAsString(key);
                case "epoch" -> epoch = parser.getValueAsLong();
                case "currIdMap" -> readIds(parser, ids);
                default -> parser.skipChildren();
            }
        }
        return new TopicRouteData.QueueMapping(scope, totalQueues, brokerName, epoch, ids);
    }

    private static void readIds(JsonParser parser, Map<Integer, Integer> ids) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        expect(parser.currentToken(), JsonToken.START_OBJECT, parser);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String logical = parser.currentName();
            parser.nextToken();
            try {
                ids.put(Integer.parseInt(logical), parser.getValueAsInt());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "logical queue id '" + logical + "' is not a number", e);
            }
        }
    }

    /**
     * Reads one BrokerData object, the parser on its start; shared with {@link ClusterInfoParser}.
     */
    static TopicRouteData.BrokerData broker(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, parser);
        String cluster = null;
        String brokerName = null;
        Map<Long, String> addresses = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "cluster" -> cluster = parser.getValueAsString();
                case "brokerName" -> brokerName = parser.getValueAsString();
                case "brokerAddrs" -> readAddresses(parser, addresses);
                default -> parser.skipChildren();
            }
        }
        if (brokerName == null) {
            throw new IllegalArgumentException("route broker data without brokerName");
        }
        return new TopicRouteData.BrokerData(cluster, brokerName, addresses);
    }

    private static void readAddresses(JsonParser parser, Map<Long, String> addresses)
            throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, parser);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String id = parser.currentName();
            parser.nextToken();
            try {
                addresses.put(Long.parseLong(id), parser.getValueAsString());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("broker id '" + id + "' is not a number", e);
            }
        }
    }

    private interface ElementReader<T> {
        T read(JsonParser parser) throws IOException;
    }

    private static <T> List<T> readArray(JsonParser parser, ElementReader<T> reader)
            throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
        List<T> elements = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            elements.add(reader.read(parser));
        }
        return elements;
    }

    static void expect(JsonToken actual, JsonToken expected, JsonParser parser) {
        if (actual != expected) {
            throw new IllegalArgumentException(
                    "expected "
                            + expected
                            + " but found "
                            + actual
                            + " at "
                            + parser.currentLocation().offsetDescription());
        }
    }
}
