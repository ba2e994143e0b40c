package io.liftoff.producer.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.apache.rocketmq.common.message.MessageConst;
import org.junit.jupiter.api.Test;

class DeliveryTimeTests {

    @Test
    void atShouldTravelAsDeliverMsInEpochMillis() {
        DeliveryTime time = DeliveryTime.at(Instant.ofEpochMilli(1_900_000_000_123L));

        assertThat(time).isInstanceOf(DeliveryTime.At.class);
        assertThat(time.propertyName())
                .isEqualTo(MessageConst.PROPERTY_TIMER_DELIVER_MS)
                .isEqualTo("TIMER_DELIVER_MS");
        assertThat(time.propertyMillis()).isEqualTo(1_900_000_000_123L);
    }

    @Test
    void afterShouldTravelAsDelayMsAndDropSubMillis() {
        DeliveryTime time = DeliveryTime.after(Duration.ofMillis(1500).plusNanos(999_999));

        assertThat(time).isInstanceOf(DeliveryTime.After.class);
        assertThat(time.propertyName())
                .isEqualTo(MessageConst.PROPERTY_TIMER_DELAY_MS)
                .isEqualTo("TIMER_DELAY_MS");
        assertThat(time.propertyMillis()).isEqualTo(1500);
    }

    @Test
    void atWhenInThePastShouldBeAllowed() {
        assertThat(DeliveryTime.at(Instant.EPOCH).propertyMillis()).isZero();
        assertThat(DeliveryTime.at(Instant.ofEpochMilli(-5)).propertyMillis()).isEqualTo(-5);
    }

    @Test
    void atWhenBeyondEpochMillisShouldExplain() {
        assertThatThrownBy(() -> DeliveryTime.at(Instant.MAX))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("does not fit in epoch milliseconds");
    }

    @Test
    void afterWhenZeroOrExactlyThreeDaysShouldBeAllowed() {
        assertThat(DeliveryTime.after(Duration.ZERO).propertyMillis()).isZero();
        assertThat(DeliveryTime.after(Duration.ofDays(3)).propertyMillis()).isEqualTo(259_200_000L);
        assertThat(DeliveryTime.MAX_DELAY).isEqualTo(Duration.ofSeconds(259_200));
    }

    @Test
    void afterWhenNegativeOrOverThreeDaysShouldExplain() {
        assertThatThrownBy(() -> DeliveryTime.after(Duration.ofMillis(-1)))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("deliverAfter PT-0.001S must not be negative");
        assertThatThrownBy(() -> DeliveryTime.after(Duration.ofDays(3).plusMillis(1)))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("deliverAfter PT72H0.001S is longer than PT72H")
                .hasMessageContaining("timerMaxDelaySec of 259200 s");
    }

    @Test
    void nullShouldBeRefusedWithTheBuilderMethodName() {
        assertThatThrownBy(() -> DeliveryTime.at(null))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("deliverAt must not be null");
        assertThatThrownBy(() -> DeliveryTime.after(null))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("deliverAfter must not be null");
    }

    @Test
    void equalValuesShouldBeEqual() {
        assertThat(DeliveryTime.after(Duration.ofSeconds(60)))
                .isEqualTo(DeliveryTime.after(Duration.ofMinutes(1)))
                .isNotEqualTo(DeliveryTime.at(Instant.ofEpochMilli(60_000)));
    }
}
