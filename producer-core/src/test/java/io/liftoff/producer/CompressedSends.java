package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.embedded.OfficialConsumerProcess;
import io.liftoff.producer.message.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.sysflag.MessageSysFlag;

/**
 * Sends bodies of several sizes with every compression type, single and in batches, and checks that
 * the official consumer read each back byte for byte, flagged as the official client flags it.
 * Shared by the compression tests against each broker version.
 */
final class CompressedSends {

    /** Compressible bodies from the threshold on: at it, over LZ4's 64 KiB block, 1 and 3.5 MB. */
    private static final int[] COMPRESSIBLE_LENGTHS = {4096, 65_537, 1_000_000, 3_500_000};

    private final Map<String, Message> sent = new LinkedHashMap<>();
    private final Map<String, Integer> expectedFlags = new LinkedHashMap<>();

    /** Sends with each type from its own producer to one topic, which must exist. */
    static CompressedSends sendEveryType(String nameServer, String topic) {
        CompressedSends sends = new CompressedSends();
        for (CompressionType type : CompressionType.values()) {
            ProducerConfig config =
                    ProducerConfig.builder()
                            .nameServer(nameServer)
                            .group("compress-" + type.name().toLowerCase())
                            .compressType(type)
                            .sendTimeout(Duration.ofSeconds(20))
                            .build();
            try (Producer producer = Producer.create(config)) {
                sends.sendWith(producer, type, topic);
            }
        }
        return sends;
    }

    private void sendWith(Producer producer, CompressionType type, String topic) {
        // the official client's bits of the type
        int compressed =
                org.apache.rocketmq.common.compression.CompressionType.of(type.name())
                        .getCompressionFlag();
        for (int length : COMPRESSIBLE_LENGTHS) {
            send(producer, message(topic, type, text(length)), compressed);
        }
        // below the threshold, and incompressible: both sent as is
        send(producer, message(topic, type, text(4095)), 0);
        send(producer, message(topic, type, noise(50_000)), 0);
        // batches are never compressed, whatever the type
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(message(topic, type, text(10_000 + i)));
        }
        List<SendResult> results = producer.sendBatch(batch);
        assertThat(results).hasSize(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            assertThat(results.get(i).status()).isEqualTo(SendStatus.SEND_OK);
            record(results.get(i).messageId(), batch.get(i), 0);
        }
    }

    private void send(Producer producer, Message message, int expectedFlag) {
        SendResult result = producer.send(message);
        assertThat(result.status()).isEqualTo(SendStatus.SEND_OK);
        record(result.messageId(), message, expectedFlag);
    }

    private void record(String messageId, Message message, int expectedFlag) {
        sent.put(messageId, message);
        expectedFlags.put(messageId, expectedFlag);
    }

    /** How many messages were sent. */
    int count() {
        return sent.size();
    }

    /**
     * Asserts every body arrived unchanged, with the type bits that say it was sent compressed.
     * Only those: the consumer clears COMPRESSED once it restored the body, and keeps the type.
     */
    void assertReadBackUnchanged(List<MessageExt> received) {
        Map<String, MessageExt> byId = Delivery.assertDeliveredUnchanged(sent, received);
        expectedFlags.forEach(
                (id, flag) ->
                        assertThat(
                                        byId.get(id).getSysFlag()
                                                & MessageSysFlag.COMPRESSION_TYPE_COMPARATOR)
                                .as("compression type of %s", sent.get(id))
                                .isEqualTo(flag));
    }

    /**
     * Like {@link #assertReadBackUnchanged(List)}, for what the official consumer of another
     * version read in a child JVM; {@code clientJar} names the jar it must have run from.
     */
    void assertReadBackUnchanged(OfficialConsumerProcess.Result read, String clientJar) {
        assertThat(read.client()).contains(clientJar);
        Map<String, OfficialConsumerProcess.Consumed> byId = new HashMap<>();
        read.messages().forEach(consumed -> byId.put(consumed.uniqueId(), consumed));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        sent.forEach(
                (id, message) -> {
                    OfficialConsumerProcess.Consumed consumed = byId.get(id);
                    assertThat(consumed.bodyLength())
                            .as("body length of %s", message)
                            .isEqualTo(message.body().length);
                    assertThat(consumed.bodySha256())
                            .as("SHA-256 of the body of %s", message)
                            .isEqualTo(sha256(message.body()));
                    assertThat(consumed.sysFlag() & MessageSysFlag.COMPRESSION_TYPE_COMPARATOR)
                            .as("compression type of %s", message)
                            .isEqualTo(expectedFlags.get(id));
                });
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Message message(String topic, CompressionType type, byte[] body) {
        return Message.builder(topic)
                .tags(type.name())
                .property("length", Integer.toString(body.length))
                .body(body)
                .build();
    }

    /** JSON-like text: compresses with every type. */
    private static byte[] text(int length) {
        StringBuilder out = new StringBuilder(length + 64);
        for (int i = 0; out.length() < length; i++) {
            out.append("{\"order\":").append(i).append(",\"state\":\"créé\"}\n");
        }
        byte[] utf8 = out.toString().getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(utf8, length);
    }

    /** Random bytes: no type makes them smaller. */
    private static byte[] noise(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }
}
