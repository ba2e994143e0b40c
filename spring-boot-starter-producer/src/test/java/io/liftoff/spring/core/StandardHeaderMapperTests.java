package io.liftoff.spring.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.liftoff.producer.message.DeliveryTime;
import io.liftoff.producer.message.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

class StandardHeaderMapperTests {

    private static final Destination ORDERS = new Destination("orders", null);
    private static final Instant AT = Instant.parse("2030-01-02T03:04:05Z");

    private final ProducerHeaderMapper mapper = ProducerHeaderMapper.standard();

    /** One header, the message field it should set, and the value expected there. */
    record Mapped(
            String header,
            Object value,
            String field,
            Function<Message, Object> actual,
            Object expected) {

        @Override
        public String toString() {
            return this.header
                    + "="
                    + this.value
                    + " ("
                    + this.value.getClass().getSimpleName()
                    + ") -> "
                    + this.field;
        }
    }

    static Stream<Mapped> mappedHeaders() {
        return Stream.of(
                new Mapped(
                        RocketMQHeaders.KEYS, "order-1", "keys", Message::keys, List.of("order-1")),
                new Mapped(
                        RocketMQHeaders.KEYS,
                        "order-1  order-2",
                        "keys",
                        Message::keys,
                        List.of("order-1", "order-2")),
                new Mapped(
                        RocketMQHeaders.KEYS,
                        List.of("a", "b"),
                        "keys",
                        Message::keys,
                        List.of("a", "b")),
                new Mapped(
                        RocketMQHeaders.KEYS,
                        new String[] {"a", "b"},
                        "keys",
                        Message::keys,
                        List.of("a", "b")),
                new Mapped(RocketMQHeaders.KEYS, 42L, "keys", Message::keys, List.of("42")),
                new Mapped("KEYS", "order-1", "keys", Message::keys, List.of("order-1")),
                new Mapped(RocketMQHeaders.TAGS, "created", "tags", Message::tags, "created"),
                new Mapped("TAGS", "created", "tags", Message::tags, "created"),
                new Mapped(RocketMQHeaders.DELAY_LEVEL, 3, "delayLevel", Message::delayLevel, 3),
                new Mapped(
                        RocketMQHeaders.DELAY_LEVEL, " 3 ", "delayLevel", Message::delayLevel, 3),
                new Mapped(
                        RocketMQHeaders.DELIVER_AT,
                        AT,
                        "deliveryTime",
                        Message::deliveryTime,
                        DeliveryTime.at(AT)),
                new Mapped(
                        RocketMQHeaders.DELIVER_AT,
                        AT.toEpochMilli(),
                        "deliveryTime",
                        Message::deliveryTime,
                        DeliveryTime.at(AT)),
                new Mapped(
                        RocketMQHeaders.DELIVER_AT,
                        String.valueOf(AT.toEpochMilli()),
                        "deliveryTime",
                        Message::deliveryTime,
                        DeliveryTime.at(AT)),
                new Mapped(
                        RocketMQHeaders.DELIVER_AT,
                        AT.toString(),
                        "deliveryTime",
                        Message::deliveryTime,
                        DeliveryTime.at(AT)),
                new Mapped(
                        RocketMQHeaders.DELIVER_AT,
                        Date.from(AT),
                        "deliveryTime",
                        Message::deliveryTime,
                        DeliveryTime.at(AT)),
                new Mapped(
                        RocketMQHeaders.DELIVER_AFTER,
                        Duration.ofSeconds(10),
                        "deliveryTime",
                        Message::deliveryTime,
                        DeliveryTime.after(Duration.ofSeconds(10))),
                new Mapped(
                        RocketMQHeaders.DELIVER_AFTER,
                        1500L,
                        "deliveryTime",
                        Message::deliveryTime,
                        DeliveryTime.after(Duration.ofMillis(1500))),
                new Mapped(
                        RocketMQHeaders.DELIVER_AFTER,
                        "10s",
                        "deliveryTime",
                        Message::deliveryTime,
                        DeliveryTime.after(Duration.ofSeconds(10))),
                new Mapped(
                        RocketMQHeaders.DELIVER_AFTER,
                        "PT1M",
                        "deliveryTime",
                        Message::deliveryTime,
                        DeliveryTime.after(Duration.ofMinutes(1))),
                new Mapped(
                        RocketMQHeaders.SHARDING_KEY,
                        "customer-7",
                        "shardingKey",
                        Message::shardingKey,
                        "customer-7"),
                new Mapped(RocketMQHeaders.FLAG, 7, "flag", Message::flag, 7),
                new Mapped("FLAG", "7", "flag", Message::flag, 7),
                new Mapped(
                        RocketMQHeaders.WAIT_STORE_MSG_OK,
                        false,
                        "waitStoreMessageOk",
                        Message::waitStoreMessageOk,
                        false),
                new Mapped(
                        "WAIT_STORE_MSG_OK",
                        "FALSE",
                        "waitStoreMessageOk",
                        Message::waitStoreMessageOk,
                        false),
                new Mapped(
                        "region", "eu", "properties", Message::properties, Map.of("region", "eu")),
                new Mapped("attempt", 3, "properties", Message::properties, Map.of("attempt", "3")),
                new Mapped("id", "not-springs", "properties", Message::properties, Map.of()),
                new Mapped("timestamp", 1L, "properties", Message::properties, Map.of()),
                new Mapped(
                        "contentType",
                        MimeTypeUtils.APPLICATION_JSON,
                        "properties",
                        Message::properties,
                        Map.of()),
                new Mapped("replyChannel", "replies", "properties", Message::properties, Map.of()),
                new Mapped("errorChannel", "errors", "properties", Message::properties, Map.of()),
                new Mapped("UNIQ_KEY", "forged-id", "properties", Message::properties, Map.of()),
                new Mapped("DELAY", "3", "properties", Message::properties, Map.of()),
                new Mapped("WAIT", "false", "properties", Message::properties, Map.of()),
                new Mapped(
                        RocketMQHeaders.PREFIX + "TOPIC",
                        "elsewhere",
                        "properties",
                        Message::properties,
                        Map.of()),
                new Mapped(
                        RocketMQHeaders.PREFIX + "MESSAGE_ID",
                        "7F000001",
                        "properties",
                        Message::properties,
                        Map.of()),
                new Mapped(
                        RocketMQHeaders.PREFIX + "QUEUE_ID",
                        2,
                        "properties",
                        Message::properties,
                        Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappedHeaders")
    void toBuilderShouldMapHeader(Mapped mapped) {
        Message message = build(ORDERS, Map.of(mapped.header(), mapped.value()));

        assertThat(mapped.actual().apply(message)).isEqualTo(mapped.expected());
    }

    /** A header whose value cannot be used, and the words the error must contain. */
    record Refused(String header, Object value, String error) {

        @Override
        public String toString() {
            return this.header + "=" + this.value;
        }
    }

    static Stream<Refused> refusedHeaders() {
        return Stream.of(
                new Refused(
                        RocketMQHeaders.DELAY_LEVEL,
                        "soon",
                        "header rocketmq_DELAY_LEVEL must be an int, was java.lang.String 'soon'"),
                new Refused(
                        RocketMQHeaders.DELAY_LEVEL,
                        1.5,
                        "must be an int, was java.lang.Double '1.5'"),
                new Refused(
                        RocketMQHeaders.FLAG,
                        Long.MAX_VALUE,
                        "header rocketmq_FLAG must be an int"),
                new Refused(
                        RocketMQHeaders.WAIT_STORE_MSG_OK,
                        "yes",
                        "must be a boolean or \"true\"/\"false\", was java.lang.String 'yes'"),
                new Refused(
                        RocketMQHeaders.DELIVER_AT,
                        "tomorrow",
                        "header rocketmq_DELIVER_AT must be an Instant or epoch milliseconds"),
                new Refused(
                        RocketMQHeaders.DELIVER_AFTER,
                        "a while",
                        "header rocketmq_DELIVER_AFTER must be a Duration or milliseconds"),
                new Refused(
                        RocketMQHeaders.DELIVER_AFTER,
                        new Object(),
                        "must be a Duration or milliseconds, was java.lang.Object"),
                new Refused(
                        RocketMQHeaders.SHARDING_KEY,
                        " ",
                        "header rocketmq_SHARDING_KEY must not be blank, was ' '; give the key"),
                new Refused(
                        RocketMQHeaders.SHARDING_KEY,
                        "",
                        "or leave the header out for an unordered send"),
                new Refused(
                        RocketMQHeaders.PREFIX + "KEY",
                        "order-1",
                        "header 'rocketmq_KEY' is not one ProducerTemplate knows"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedHeaders")
    void toBuilderWhenHeaderValueIsUnusableShouldThrow(Refused refused) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> toBuilder(ORDERS, Map.of(refused.header(), refused.value())))
                .withMessageContaining(refused.error());
    }

    @Test
    void toBuilderWithSpringMessageHeadersShouldKeepOnlyUserHeadersAsProperties() {
        org.springframework.messaging.Message<String> spring =
                MessageBuilder.withPayload("body")
                        .setHeader(RocketMQHeaders.KEYS, "order-1")
                        .setHeader("region", "eu")
                        .setHeader(
                                org.springframework.messaging.MessageHeaders.CONTENT_TYPE,
                                "application/json")
                        .build();

        Message message = build(ORDERS, spring.getHeaders());

        assertThat(message.properties()).containsExactly(Map.entry("region", "eu"));
        assertThat(message.keys()).containsExactly("order-1");
    }

    @Test
    void toBuilderWithDestinationTagShouldKeepIt() {
        Message message = build(new Destination("orders", "created"), Map.of("region", "eu"));

        assertThat(message.tags()).isEqualTo("created");
    }

    @Test
    void toBuilderWithSameTagInDestinationAndHeaderShouldAcceptIt() {
        Message message =
                build(
                        new Destination("orders", "created"),
                        Map.of(RocketMQHeaders.TAGS, "created"));

        assertThat(message.tags()).isEqualTo("created");
    }

    @Test
    void toBuilderWithOtherTagInHeaderThanDestinationShouldThrow() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                toBuilder(
                                        new Destination("orders", "created"),
                                        Map.of(RocketMQHeaders.TAGS, "paid")))
                .withMessage(
                        "tag 'created' of the destination differs from header rocketmq_TAGS 'paid'; give the tag in one place");
    }

    private Message.Builder toBuilder(Destination destination, Map<String, ?> headers) {
        return this.mapper.toMessage(destination.topic(), destination.tags(), headers);
    }

    private Message build(Destination destination, Map<String, ?> headers) {
        return toBuilder(destination, headers).body("x").build();
    }
}
