package io.liftoff.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.producer.message.Message;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/** Compares what Liftoff sent with what the official consumer read back. */
final class Delivery {

    private Delivery() {}

    /**
     * Asserts that exactly the sent messages arrived, each with its body, tags, keys and user
     * properties unchanged, identified by the UNIQ_KEY that Liftoff reported as its message id.
     *
     * @param sent message id to the message sent under it
     * @param received what the consumer read, redeliveries included
     * @return message id to the consumed message
     */
    static Map<String, MessageExt> assertDeliveredUnchanged(
            Map<String, Message> sent, List<MessageExt> received) {
        Map<String, MessageExt> byId =
                received.stream()
                        .collect(
                                Collectors.toMap(
                                        m ->
                                                m.getProperty(
                                                        MessageConst
                                                                .PROPERTY_UNIQ_CLIENT_MESSAGE_ID_KEYIDX),
                                        Function.identity(),
                                        (first, redelivered) -> first));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(sent.keySet());
        sent.forEach(
                (id, original) -> {
                    MessageExt consumed = byId.get(id);
                    assertThat(consumed.getBody()).isEqualTo(original.body());
                    assertThat(consumed.getTags()).isEqualTo(original.tags());
                    assertThat(consumed.getKeys())
                            .isEqualTo(
                                    original.keys().isEmpty()
                                            ? null
                                            : String.join(" ", original.keys()));
                    original.properties()
                            .forEach(
                                    (name, value) ->
                                            assertThat(consumed.getUserProperty(name))
                                                    .isEqualTo(value));
                });
        return byId;
    }
}
