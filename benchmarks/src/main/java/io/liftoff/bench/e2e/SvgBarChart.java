package io.liftoff.bench.e2e;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.IntStream;

/**
 * A horizontal grouped bar chart as a standalone SVG document, written by hand (no charting
 * library): a title, a legend, one block of bars per group under the group's heading, one bar per
 * series with its value written after it, and a labelled value axis with grid lines. Horizontal
 * bars leave room for long group labels and keep every value legible.
 *
 * @param title the chart's heading, e.g. what is measured and which way is better
 * @param axisLabel the value axis's label, with its unit
 * @param series the bars of each group, in order, with their colours
 * @param groups the blocks of bars, top to bottom
 * @param logScale whether the value axis is logarithmic (for latencies spanning decades)
 * @param format how values and axis ticks are written, e.g. {@code 12,345} or {@code 1.2 ms}
 */
record SvgBarChart(
        String title,
        String axisLabel,
        List<Series> series,
        List<Group> groups,
        boolean logScale,
        DoubleFunction<String> format) {

    /** One kind of bar: a name for the legend and the rows, a fill colour. */
    record Series(String name, String color) {}

    /**
     * One block of bars.
     *
     * @param label the heading above the block
     * @param values one per series, in series order; {@code NaN} or ≤ 0 where that series has no
     *     figure (its row is left out)
     */
    record Group(String label, List<Double> values) {}

    private static final int WIDTH = 960;
    private static final int PLOT_LEFT = 170;
    private static final int PLOT_RIGHT = WIDTH - 110;
    private static final int BAR = 14;
    private static final int BAR_GAP = 3;
    private static final int HEADING = 22;
    private static final int GROUP_GAP = 12;
    private static final int TOP = 80;

    SvgBarChart {
        series = List.copyOf(series);
        groups = List.copyOf(groups);
    }

    String render() {
        Scale scale = scale();
        StringBuilder body = new StringBuilder();
        int y = TOP;
        for (Group group : groups) {
            text(body, 10, y + 15, "start", "font-weight:bold", group.label());
            y += HEADING;
            for (int i = 0; i < series.size(); i++) {
                double value = group.values().get(i);
                if (!(value > 0)) {
                    continue;
                }
                Series s = series.get(i);
                double end = scale.x(value);
                text(body, PLOT_LEFT - 6, y + BAR - 3, "end", "", s.name());
                body.append(
                        String.format(
                                Locale.ROOT,
                                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                                PLOT_LEFT,
                                y,
                                Math.max(1, end - PLOT_LEFT),
                                BAR,
                                s.color()));
                text(body, (int) end + 4, y + BAR - 3, "start", "", format.apply(value));
                y += BAR + BAR_GAP;
            }
            y += GROUP_GAP;
        }
        int axisY = y;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(
                        String.format(
                                Locale.ROOT,
                                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                                        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\""
                                        + " font-size=\"12\">%n",
                                WIDTH,
                                axisY + 60,
                                WIDTH,
                                axisY + 60))
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, 10, 24, "start", "font-size:16px;font-weight:bold", title);
        legend(svg);
        axis(svg, scale, axisY);
        svg.append(body).append("</svg>\n");
        return svg.toString();
    }

    /** The series that have a bar somewhere, in order. */
    private void legend(StringBuilder svg) {
        int x = 10;
        for (int i = 0; i < series.size(); i++) {
            int index = i;
            if (groups.stream().noneMatch(group -> group.values().get(index) > 0)) {
                continue;
            }
            Series s = series.get(i);
            svg.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"40\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                            x,
                            s.color()));
            text(svg, x + 16, 50, "start", "", s.name());
            x += 16 + 7 * s.name().length() + 20;
        }
    }

    /** Grid lines and tick labels behind the bars, the axis line and its label below them. */
    private void axis(StringBuilder svg, Scale scale, int axisY) {
        for (double tick : scale.ticks()) {
            int x = (int) Math.round(scale.x(tick));
            svg.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                            x,
                            TOP,
                            x,
                            axisY));
            text(svg, x, axisY + 16, "middle", "", format.apply(tick));
        }
        svg.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                        PLOT_LEFT,
                        axisY,
                        PLOT_RIGHT,
                        axisY));
        text(svg, (PLOT_LEFT + PLOT_RIGHT) / 2, axisY + 40, "middle", "", axisLabel);
    }

    private Scale scale() {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (Group group : groups) {
            for (double value : group.values()) {
                if (value > 0) {
                    max = Math.max(max, value);
                    min = Math.min(min, value);
                }
            }
        }
        if (max == 0) {
            return new Scale(false, 0, 1);
        }
        if (logScale) {
            return new Scale(
                    true, Math.floor(Math.log10(min)), Math.max(Math.ceil(Math.log10(max)), 1));
        }
        return new Scale(false, 0, niceCeiling(max));
    }

    /**
     * The smallest round figure (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) that is at
     * least {@code value}: an axis end with little empty room and ticks at round fifths.
     */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /**
     * Maps values to x: linear from 0 to {@code high}, or logarithmic from 10^{@code low} to
     * 10^{@code high}.
     */
    private record Scale(boolean log, double low, double high) {

        double x(double value) {
            double share =
                    log
                            ? (Math.log10(Math.max(value, Math.pow(10, low))) - low) / (high - low)
                            : value / high;
            return PLOT_LEFT + share * (PLOT_RIGHT - PLOT_LEFT);
        }

        /** Powers of ten on a log scale, five equal steps on a linear one. */
        List<Double> ticks() {
            if (log) {
                return IntStream.rangeClosed((int) low, (int) high)
                        .mapToObj(power -> Math.pow(10, power))
                        .toList();
            }
            return IntStream.rangeClosed(0, 5).mapToObj(step -> high * step / 5).toList();
        }
    }

    private static void text(
            StringBuilder svg, int x, int y, String anchor, String style, String content) {
        svg.append(
                        String.format(
                                Locale.ROOT,
                                "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\"%s>",
                                x,
                                y,
                                anchor,
                                style.isEmpty() ? "" : " style=\"" + style + "\""))
                .append(escape(content))
                .append("</text>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
