package io.liftoff.producer.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Set;

/**
 * The body of a producer's HEART_BEAT: its client id and producer groups, no consumers.
 *
 * @param clientId the client id, {@code ip@instance}
 * @param producerGroups the producer groups this client runs
 */
public record HeartbeatData(String clientId, Set<String> producerGroups) {

    private static final JsonFactory JSON = new JsonFactory();

    public HeartbeatData {
        Objects.requireNonNull(clientId, "clientId must not be null");
        producerGroups = Set.copyOf(producerGroups);
    }

    /** The body as RocketMQ's HeartbeatData JSON. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("clientID", clientId);
            json.writeArrayFieldStart("producerDataSet");
            for (String group : producerGroups) {
                json.writeStartObject();
                json.writeStringField("groupName", group);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("consumerDataSet");
            json.writeEndArray();
            // zero keeps 5.x brokers on heartbeat V1, which is what a producer needs
            json.writeNumberField("heartbeatFingerprint", 0);
            json.writeBooleanField("withoutSub", false);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write heartbeat JSON", e);
        }
        return out.toByteArray();
    }
}
