package io.liftoff.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liftoff.bench.e2e.Scenario.Client;
import io.liftoff.bench.e2e.Scenario.Target;
import org.junit.jupiter.api.Test;

class SaturationRatesTests {

    private static final Workload SHARE = Workload.saturationShare(20, 128);

    @Test
    void resolveWhenLiftoffWindowRanShouldTakeTheShareOfItsThroughput() {
        SaturationRates rates = new SaturationRates();
        rates.record(
                new Scenario(Target.SINK, Client.LIFTOFF, Workload.window(Plan.WINDOW, 128)),
                result(117_734));
        // other clients' and other bodies' runs are no saturation of this group
        rates.record(
                new Scenario(Target.SINK, Client.OFFICIAL, Workload.window(Plan.WINDOW, 128)),
                result(50_000));
        rates.record(
                new Scenario(Target.SINK, Client.LIFTOFF, Workload.window(Plan.WINDOW, 1024)),
                result(10_000));

        Scenario resolved = rates.resolve(new Scenario(Target.SINK, Client.OFFICIAL_BATCH, SHARE));

        assertThat(resolved.workload().rate()).isEqualTo(24_000);
        assertThat(resolved.client()).isEqualTo(Client.OFFICIAL_BATCH);
        assertThat(resolved.workload().label()).isEqualTo("async open loop 24,000/s (20 % sat.)");
    }

    @Test
    void resolveWhenFixedRateShouldKeepIt() {
        Scenario fixed = new Scenario(Target.BROKER, Client.LIFTOFF, Workload.rate(2_000, 128));

        assertThat(new SaturationRates().resolve(fixed)).isSameAs(fixed);
    }

    @Test
    void resolveWhenNothingMeasuredShouldSaySo() {
        assertThatThrownBy(
                        () ->
                                new SaturationRates()
                                        .resolve(
                                                new Scenario(Target.BROKER, Client.LIFTOFF, SHARE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no saturation measured");
    }

    @Test
    void roughlyShouldKeepTwoSignificantDigits() {
        assertThat(SaturationRates.roughly(23_456)).isEqualTo(23_000);
        assertThat(SaturationRates.roughly(8_765)).isEqualTo(8_800);
        assertThat(SaturationRates.roughly(42)).isEqualTo(100);
    }

    private static RunResult result(double messagesPerSecond) {
        return new RunResult(messagesPerSecond, 0, 1, 1, 1, -1, -1, -1, 1, 1, 0);
    }
}
