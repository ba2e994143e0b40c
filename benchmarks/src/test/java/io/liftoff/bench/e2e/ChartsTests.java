package io.liftoff.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.liftoff.bench.e2e.Scenario.Client;
import io.liftoff.bench.e2e.Scenario.Target;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartsTests {

    private static final Workload WINDOW = Workload.window(Plan.WINDOW, 128);
    private static final Workload OPEN = Workload.rate(2_000, 1024);

    @Test
    void writeShouldGiveWellFormedChartsNamingEveryClient(@TempDir Path dir) throws Exception {
        List<ReportTable.Row> rows =
                List.of(
                        closed(Client.LIFTOFF, 120_000),
                        closed(Client.LIFTOFF_BATCH, 300_000),
                        closed(Client.OFFICIAL, 80_000),
                        closed(Client.OFFICIAL_BATCH, 150_000),
                        closed(Client.FLOOR, 140_000),
                        open(Client.LIFTOFF, 400),
                        open(Client.LIFTOFF_BATCH, 450),
                        open(Client.OFFICIAL, 600),
                        open(Client.OFFICIAL_BATCH, 11_000));

        List<Path> files = new Charts(rows).write(dir);

        assertThat(files)
                .extracting(file -> file.getFileName().toString())
                .containsExactlyInAnyOrder("throughput-sink.svg", "latency-broker.svg");
        String throughput = Files.readString(dir.resolve("throughput-sink.svg"));
        Document svg = parse(throughput);
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getTextContent())
                .contains(
                        "Liftoff",
                        "Liftoff + AutoBatch",
                        "official",
                        "official + autoBatch",
                        "floor (raw Netty)",
                        "async window 256, 128 B",
                        "300,000",
                        "messages stored per second (msgs/s)");
        String latency = Files.readString(dir.resolve("latency-broker.svg"));
        assertThat(parse(latency).getDocumentElement().getTextContent())
                .contains("async open loop 2,000/s, 1 KiB · p99.9", "400 µs", "11 ms")
                .doesNotContain("floor");
    }

    @Test
    void microsShouldSwitchToMillisecondsFromOneMillisecond() {
        assertThat(Charts.micros(850)).isEqualTo("850 µs");
        assertThat(Charts.micros(1000)).isEqualTo("1 ms");
        assertThat(Charts.micros(1234)).isEqualTo("1.2 ms");
        assertThat(Charts.micros(35_000)).isEqualTo("35 ms");
        assertThat(Charts.micros(1_000_000)).isEqualTo("1 s");
    }

    @Test
    void niceCeilingShouldRoundUpToARoundFigure() {
        assertThat(SvgBarChart.niceCeiling(123_935)).isEqualTo(150_000);
        assertThat(SvgBarChart.niceCeiling(428_285)).isEqualTo(500_000);
        assertThat(SvgBarChart.niceCeiling(48_702)).isEqualTo(50_000);
        assertThat(SvgBarChart.niceCeiling(2_000)).isEqualTo(2_000);
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static ReportTable.Row closed(Client client, double rate) {
        return new ReportTable.Row(
                new Scenario(Target.SINK, client, WINDOW),
                new RunResult(rate, 0, 1000, 3000, 5000, -1, -1, -1, 9, 1000, 0));
    }

    private static ReportTable.Row open(Client client, double p50) {
        return new ReportTable.Row(
                new Scenario(Target.BROKER, client, OPEN),
                new RunResult(
                        2_000, 0, p50, p50 * 4, p50 * 8, p50, p50 * 5, p50 * 10, 90, 2500, 0));
    }
}
