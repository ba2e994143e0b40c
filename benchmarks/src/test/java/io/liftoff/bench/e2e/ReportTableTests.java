package io.liftoff.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.bench.e2e.Scenario.Client;
import io.liftoff.bench.e2e.Scenario.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTableTests {

    private static final Workload SINK_WINDOW = Workload.window(Plan.WINDOW, 128);
    private static final Workload SYNC_ONE = Workload.sync(1, 128);

    @Test
    void renderWhenLiftoffBeatsOfficialShouldShowRatiosAndMetTargets() {
        String report =
                new ReportTable(
                                List.of(
                                        row(
                                                Target.SINK,
                                                Client.LIFTOFF,
                                                SINK_WINDOW,
                                                60_000,
                                                4.0,
                                                300),
                                        row(
                                                Target.SINK,
                                                Client.OFFICIAL,
                                                SINK_WINDOW,
                                                20_000,
                                                16.0,
                                                3000),
                                        row(
                                                Target.SINK,
                                                Client.FLOOR,
                                                SINK_WINDOW,
                                                100_000,
                                                2.0,
                                                10)),
                                new Footprint(2_000_000, 3_000_000, 10_000_000, 8, 12, 100))
                        .render();

        assertThat(report)
                .contains("| sink | async window 256 | 128 B | liftoff | 60,000 |")
                .contains(
                        "| sink | async window 256 | 128 B | off | 3.00× | 0.10× | 0.10× | 0.25× |"
                                + " 0.25× | 0.60× |")
                .contains(
                        "| client CPU/msg ≤ 0.5× official (sink, async, 128 B) | 0.25× | 0.13× |"
                                + " yes |")
                .contains("| async msgs/s ≥ 2× official (sink, 128 B) | 3.00× | 5.00× | yes |")
                .contains("| async msgs/s ≥ 0.5× floor (sink, 128 B) | 0.60× | – | yes |")
                .contains("| footprint (core) ≤ 0.5× official | 0.20× | – | yes |")
                .contains("| Liftoff producer-core + runtime deps | 8 | 2,000,000 | 0.20× |");
    }

    @Test
    void renderWhenBatchingClientsRanShouldCompareOnWithOnAndEachWithItself() {
        String report =
                new ReportTable(
                                List.of(
                                        row(
                                                Target.SINK,
                                                Client.LIFTOFF,
                                                SINK_WINDOW,
                                                60_000,
                                                4,
                                                300),
                                        row(
                                                Target.SINK,
                                                Client.OFFICIAL,
                                                SINK_WINDOW,
                                                20_000,
                                                16,
                                                3000),
                                        row(
                                                Target.SINK,
                                                Client.LIFTOFF_BATCH,
                                                SINK_WINDOW,
                                                240_000,
                                                2,
                                                150),
                                        row(
                                                Target.SINK,
                                                Client.OFFICIAL_BATCH,
                                                SINK_WINDOW,
                                                40_000,
                                                8,
                                                1500)),
                                null)
                        .render();

        assertThat(report)
                .contains("| sink | async window 256 | 128 B | liftoff+batch | 240,000 |")
                .contains(
                        "| sink | async window 256 | 128 B | on | 6.00× | 0.10× | 0.10× | 0.25× |"
                                + " 0.25× | – |")
                .contains(
                        "| sink | async window 256 | 128 B | liftoff | 4.00× | 0.50× | 0.50× |"
                                + " 0.50× | 0.50× |\n")
                .contains(
                        "| sink | async window 256 | 128 B | official | 2.00× | 0.50× | 0.50× |"
                                + " 0.50× | 0.50× |\n");
    }

    @Test
    void renderWhenNoBatchingClientRanShouldLeaveOutTheOnOffTable() {
        String report =
                new ReportTable(
                                List.of(
                                        row(
                                                Target.SINK,
                                                Client.LIFTOFF,
                                                SINK_WINDOW,
                                                60_000,
                                                4,
                                                300),
                                        row(
                                                Target.SINK,
                                                Client.OFFICIAL,
                                                SINK_WINDOW,
                                                20_000,
                                                16,
                                                3000)),
                                null)
                        .render();

        assertThat(report).doesNotContain("on/off");
    }

    @Test
    void renderWhenATargetIsMissedShouldMarkIt() {
        String report =
                new ReportTable(
                                List.of(
                                        row(
                                                Target.BROKER,
                                                Client.LIFTOFF,
                                                SYNC_ONE,
                                                3_000,
                                                50,
                                                1050),
                                        row(
                                                Target.BROKER,
                                                Client.OFFICIAL,
                                                SYNC_ONE,
                                                3_100,
                                                60,
                                                1000)),
                                null)
                        .render();

        assertThat(report)
                .contains(
                        "| sync 1-thread p50 ≤ official (real broker, 128 B) | 1.05× | – | **no**"
                                + " |")
                .contains("Footprint: not measured");
    }

    @Test
    void renderWhenOpenLoopShouldShowLatencyAndDelay() {
        RunResult open = new RunResult(2_000, 0, 300, 900, 1500, 320, 2500, 9000, 20, 700, 0);
        String report =
                new ReportTable(
                                List.of(
                                        new ReportTable.Row(
                                                new Scenario(
                                                        Target.BROKER,
                                                        Client.LIFTOFF,
                                                        Workload.rate(2_000, 128)),
                                                open)),
                                null)
                        .render();

        assertThat(report).contains("| 300 (320) | 900 (2,500) | 1,500 (9,000) |");
    }

    private static ReportTable.Row row(
            Target target, Client client, Workload workload, double rate, double cpu, double p50) {
        return new ReportTable.Row(
                new Scenario(target, client, workload),
                new RunResult(rate, 0, p50, p50 * 3, p50 * 5, -1, -1, -1, cpu, cpu * 100, 0));
    }
}
