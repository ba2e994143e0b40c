package io.liftoff.producer.internal.remoting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackoffTests {

    private final Backoff backoff =
            Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void delayShouldDoubleWithEachFailureUpToTheMax() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void delayWhenFailuresAreManyShouldStayAtTheMaxWithoutOverflowing() {
        Backoff longest = Backoff.exponential(Duration.ofNanos(1), Duration.ofDays(1));

        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
        assertThat(longest.delay(64)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void exponentialShouldRejectAMaxBelowTheFirstDelay() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .withMessageContaining("max must be at least first");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Backoff.exponential(Duration.ofSeconds(1), Duration.ofDays(2)))
                .withMessageContaining("max must be at most");
    }

    @Test
    void addressBackoffShouldWaitLongerAfterEachFailureAndForgetOnSuccess() {
        AtomicLong clock = new AtomicLong(Long.MAX_VALUE - 50_000_000L);
        AddressBackoff addresses = new AddressBackoff(backoff, clock::get);
        Exception refused = new Exception("refused");

        addresses.failed("a:1", refused);
        assertThat(addresses.isBackingOff("a:1")).isTrue();
        assertThat(addresses.isBackingOff("b:1")).isFalse();
        clock.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(addresses.isBackingOff("a:1")).as("across the clock's wrap").isFalse();

        addresses.failed("a:1", refused);
        assertThat(addresses.remaining("a:1")).isEqualTo(Duration.ofMillis(200));
        assertThat(addresses.failures("a:1")).isEqualTo(2);
        assertThat(addresses.lastFailure("a:1")).isSameAs(refused);

        addresses.succeeded("a:1");
        assertThat(addresses.isBackingOff("a:1")).isFalse();
        assertThat(addresses.failures("a:1")).isZero();
    }
}
