package dev.plux.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which a paired measurement runs its variants, shuffled anew every round from a fixed seed: each run
 * and fork goes through the same orders, and no variant always runs right after another (a run warms what the
 * next may use, and the machine's speed changes within a round).
 */
final class ShuffledOrder {

    private final List<Integer> order = new ArrayList<>();

    private final Random random;

    /**
     * Creates the order of {@code size} variants.
     *
     * @param size how many variants a round runs
     * @param seed the seed of the shuffles
     */
    ShuffledOrder(int size, long seed) {
        for (int i = 0; i < size; i++) {
            this.order.add(i);
        }
        this.random = new Random(seed);
    }

    /**
     * The next round's order.
     *
     * @return the variant indexes, each once, in a new order (a view, valid until the next call)
     */
    List<Integer> next() {
        Collections.shuffle(this.order, this.random);
        return Collections.unmodifiableList(this.order);
    }
}
