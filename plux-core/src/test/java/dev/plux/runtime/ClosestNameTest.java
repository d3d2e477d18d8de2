package dev.plux.runtime;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "did you mean" search of a miss ({@code load} of an unknown name, which may be a request's input) and of the
 * empty-namespace warning: its work per search is bounded, whatever the number and length of the declared names.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClosestNameTest {

    /** 208-character names sharing a 200-character prefix, as generated or qualified names can. */
    private static final String PREFIX = "x".repeat(200);

    @Test
    void aMissLooksAtABoundedNumberOfLongDeclaredNamesHoweverManyThereAre() {
        // every name is within the typo distance of the miss and shares its prefix, so no row of the edit-distance
        // table ends the comparison early: before the bound, one miss compared all 20,000 names in full (about
        // 40,000 cells each, 4 s for one miss against 10,000 such names in the probe) and walked the list twice
        AtomicInteger visited = new AtomicInteger();
        List<String> declared = counted(longNames(20_000), visited);

        String suggestion = ClosestName.closest(PREFIX + "abcdefgh", declared);

        assertThat(suggestion).startsWith(PREFIX);
        assertThat(visited.get()).isLessThan(20_000);
    }

    @Test
    void theSearchStopsAtTheSameNumberOfNamesForTenTimesAsMany() {
        AtomicInteger fewer = new AtomicInteger();
        AtomicInteger more = new AtomicInteger();

        ClosestName.closest("y".repeat(208), counted(longNames(20_000), fewer));
        ClosestName.closest("y".repeat(208), counted(longNames(200_000), more));

        // a name far from every declared one: nothing to suggest, and no more work for ten times the names
        assertThat(more.get()).isEqualTo(fewer.get()).isLessThan(20_000);
    }

    @Test
    void aTypoOfAnyOfTenThousandShortNamesIsStillFound() {
        List<String> declared = shortNames(10_000);

        assertThat(ClosestName.closest("plugin12x", declared)).isEqualTo("plugin12");
        assertThat(ClosestName.closest("plugin-9998", declared)).isEqualTo("plugin9998");
        assertThat(ClosestName.closest("Plugin9999", declared)).isEqualTo("plugin9999");
    }

    @Test
    void inOneHundredThousandShortNamesATypoOfAnEarlyOneIsFoundAndOfALateOneNotNecessarily() {
        List<String> declared = shortNames(100_000);

        assertThat(ClosestName.closest("plugin12345x", declared)).isEqualTo("plugin12345");
        assertThat(ClosestName.closest("PLUGIN20000", declared)).isEqualTo("plugin20000");
        // the bound: the names of the search's first million steps are looked at, so the closest is not reached and an
        // earlier name within the typo distance is offered (a suggestion is a hint; a miss must not cost time that
        // grows with the namespace)
        assertThat(ClosestName.closest("plugin99998x", declared)).isNotEqualTo("plugin99998").startsWith("plugin");
    }

    @Test
    void theBandedDistanceAgreesWithTheFullOne() {
        // names whose distance is near the typo limit, where a band too narrow would miss the closest
        List<String> declared = List.of("abcdefghijkl", "abcdefghi", "xbcdefghijklmno", "abcdefghijklm");

        assertThat(ClosestName.closest("abcdefghijklmn", declared)).isEqualTo("abcdefghijklm");
        assertThat(ClosestName.closest("bcdefghijk", declared)).isEqualTo("abcdefghijkl");
        assertThat(ClosestName.closest("abcdxfghixklmnop", declared)).isEqualTo("xbcdefghijklmno");
        assertThat(ClosestName.closest("qrstuvwxyz", declared)).isNull();
        // the last row of a narrow band: 'kitten'/'sitting' is 3, within the limit of 7 characters (3)
        assertThat(ClosestName.closest("sitting", List.of("kitten"))).isNull();
        assertThat(ClosestName.closest("sittin", List.of("kitten"))).isEqualTo("kitten");
    }

    private static List<String> shortNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add("plugin" + i);
        }
        return names;
    }

    private static List<String> longNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(PREFIX + String.format("%08d", i));
        }
        return names;
    }

    /** A view of the names that counts the names read from it. */
    private static List<String> counted(List<String> names, AtomicInteger visited) {
        return new AbstractList<>() {

            @Override
            public String get(int index) {
                visited.incrementAndGet();
                return names.get(index);
            }

            @Override
            public int size() {
                return names.size();
            }
        };
    }
}
