package dev.plux.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The times one operation took in the measured rounds of an interleaved comparison, round by round, and their
 * statistics. The paired figure is {@link #medianRatioTo}: this 2-vCPU machine runs at one of two speeds that
 * differ by up to 2x and switch every few seconds; a round takes well under a second, so the ratio of two times
 * within a round cancels the speed, which medians of all times cannot when both speeds are about equally common.
 */
final class Timings {

    private final List<Double> millis = new ArrayList<>();

    /** Adds the time of the next round. */
    void add(double time) {
        this.millis.add(time);
    }

    /** The quarter-th quartile: 1 the lower quartile, 2 the median, 3 the upper quartile. */
    double quantile(int quarter) {
        List<Double> sorted = new ArrayList<>(this.millis);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * quarter / 4));
    }

    double mean() {
        return this.millis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The median over rounds of this time divided by the other's in the same round. */
    double medianRatioTo(Timings other) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < this.millis.size(); i++) {
            ratios.add(this.millis.get(i) / other.millis.get(i));
        }
        Collections.sort(ratios);
        return ratios.get(ratios.size() / 2);
    }
}
