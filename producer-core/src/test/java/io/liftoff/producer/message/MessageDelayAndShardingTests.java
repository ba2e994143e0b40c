package io.liftoff.producer.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.producer.internal.message.MessageProperties;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageDelayAndShardingTests {

    private static Message.Builder message() {
        return Message.builder("orders").body("x");
    }

    @Test
    void buildWhenNotSetShouldHaveNoShardingKeyAndNoDelay() {
        Message message = message().build();

        assertThat(message.shardingKey()).isNull();
        assertThat(message.delayLevel()).isZero();
        assertThat(message.deliveryTime()).isNull();
    }

    @Test
    void buildWhenSetShouldExposeShardingKeyAndDelay() {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");

        Message levelled = message().shardingKey("order-42").delayLevel(3).build();
        Message timed = message().shardingKey("order-42").deliverAt(at).build();
        Message delayed = message().deliverAfter(Duration.ofSeconds(30)).build();

        assertThat(levelled.shardingKey()).isEqualTo("order-42");
        assertThat(levelled.delayLevel()).isEqualTo(3);
        assertThat(timed.deliveryTime()).isEqualTo(DeliveryTime.at(at));
        assertThat(delayed.deliveryTime()).isEqualTo(DeliveryTime.after(Duration.ofSeconds(30)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 18})
    void buildWhenDelayLevelInRangeShouldAccept(int level) {
        assertThat(message().delayLevel(level).build().delayLevel()).isEqualTo(level);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 19, Integer.MAX_VALUE})
    void buildWhenDelayLevelOutOfRangeShouldListTheLevels(int level) {
        assertThatThrownBy(() -> message().delayLevel(level).build())
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("delayLevel " + level + " is outside 1..18")
                .hasMessageContaining("1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h");
    }

    @Test
    void buildWhenDelayLevelAndDeliveryTimeShouldAskForOne() {
        assertThatThrownBy(
                        () -> message().delayLevel(2).deliverAfter(Duration.ofSeconds(5)).build())
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("delayLevel 2 and delivery time")
                .hasMessageContaining("use one of delayLevel or deliverAt/deliverAfter");
    }

    @Test
    void buildWhenShardingKeyWithDelayShouldAccept() {
        Message message =
                message().shardingKey("k").deliverAt(Instant.parse("2020-01-01T00:00:00Z")).build();

        assertThat(message.shardingKey()).isEqualTo("k");
        assertThat(message.deliveryTime()).isNotNull();
    }

    @Test
    void buildWhenShardingKeyBlankOrWithSeparatorShouldExplain() {
        assertThatThrownBy(() -> message().shardingKey(" ").build())
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("shardingKey ' ' must not be blank");
        assertThatThrownBy(() -> message().shardingKey("a\u0001b").build())
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("shardingKey 'a\\u0001b' must not contain \\u0001");
    }

    @Test
    void shardingKeyWhenNullShouldBeRefusedAtOnceSayingHowToSendUnordered() {
        // null would have sent unordered a message whose caller asked for order
        assertThatThrownBy(() -> message().shardingKey(null))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage(
                        "shardingKey must not be null; leave it unset (or call"
                                + " removeShardingKey()) for an unordered send");
    }

    @Test
    void removeShardingKeyShouldMakeAnUnorderedCopy() {
        Message ordered = message().shardingKey("k").build();

        Message unordered = ordered.toBuilder().removeShardingKey().build();

        assertThat(unordered.shardingKey()).isNull();
        assertThat(unordered).isEqualTo(message().build());
        assertThat(ordered.shardingKey()).isEqualTo("k");
    }

    @Test
    void buildWhenShardingKeyAlsoUserPropertyShouldAskForOne() {
        assertThatThrownBy(
                        () ->
                                message()
                                        .property(MessageProperties.SHARDING_KEY, "a")
                                        .shardingKey("b")
                                        .build())
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("user property '__SHARDINGKEY'")
                .hasMessageContaining("use shardingKey() only");
    }

    @Test
    void deliverAtAndAfterWhenNullShouldBeRefusedAtOnce() {
        assertThatThrownBy(() -> message().deliverAt(null))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("deliverAt must not be null");
        assertThatThrownBy(() -> message().deliverAfter(null))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("deliverAfter must not be null");
    }

    @Test
    void deliveryTimeWhenLaterSetShouldReplaceEarlierAndNullShouldRemoveIt() {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");

        Message replaced = message().deliverAfter(Duration.ofSeconds(1)).deliverAt(at).build();
        Message removed = replaced.toBuilder().deliveryTime(null).delayLevel(4).build();

        assertThat(replaced.deliveryTime()).isEqualTo(DeliveryTime.at(at));
        assertThat(removed.deliveryTime()).isNull();
        assertThat(removed.delayLevel()).isEqualTo(4);
    }

    @Test
    void toBuilderShouldCopyShardingKeyAndDelay() {
        Message original = message().shardingKey("k").deliverAfter(Duration.ofMinutes(1)).build();

        Message copy = original.toBuilder().build();

        assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
        assertThat(copy.shardingKey()).isEqualTo("k");
        assertThat(copy.deliveryTime()).isEqualTo(original.deliveryTime());
    }

    @Test
    void equalsShouldCompareShardingKeyAndDelay() {
        Message base = message().build();

        assertThat(base).isNotEqualTo(base.toBuilder().shardingKey("k").build());
        assertThat(base).isNotEqualTo(base.toBuilder().delayLevel(1).build());
        assertThat(base).isNotEqualTo(base.toBuilder().deliverAfter(Duration.ZERO).build());
        assertThat(base.toBuilder().deliverAfter(Duration.ofSeconds(1)).build())
                .isNotEqualTo(base.toBuilder().deliverAfter(Duration.ofSeconds(2)).build());
    }

    @Test
    void toStringShouldShowShardingKeyAndDelay() {
        Message message =
                message().shardingKey("order-42").deliverAfter(Duration.ofSeconds(30)).build();

        assertThat(message.toString())
                .contains(
                        "shardingKey=order-42", "delayLevel=0", "deliveryTime=After[delay=PT30S]");
    }
}
