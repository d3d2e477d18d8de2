package dev.plux.runtime;

import dev.plux.core.Plugin;
import dev.plux.core.PluginSpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@Timeout(60)
class MatchingPluginFilterTest {

    private final MatchingPluginFilter filter = new MatchingPluginFilter();

    @AfterEach
    void clearGlobalFilter() {
        MatchingPluginFilter.global().clear();
    }

    @Test
    void emptyFilterExcludesNothing() {
        assertThat(this.filter.isEmpty()).isTrue();
        assertThat(this.filter.excludes(spec("my.ns", "foo", "com.x.Foo"))).isFalse();
    }

    @Test
    void fieldsOfOneExclusionAreAndedTogether() {
        this.filter.addExclusion("my.*", "foo", "com.x.*");
        assertThat(this.filter.excludes(spec("my.ns", "foo", "com.x.Foo"))).isTrue();
        assertThat(this.filter.excludes(spec("other.ns", "foo", "com.x.Foo"))).isFalse();
        assertThat(this.filter.excludes(spec("my.ns", "bar", "com.x.Foo"))).isFalse();
        assertThat(this.filter.excludes(spec("my.ns", "foo", "com.y.Foo"))).isFalse();
    }

    @Test
    void nullFieldMatchesAnything() {
        this.filter.addExclusion(null, "*legacy*", null);
        assertThat(this.filter.excludes(spec("a", "old-legacy-thing", "com.x.A"))).isTrue();
        assertThat(this.filter.excludes(spec("b", "legacy", "com.x.B:member"))).isTrue();
        assertThat(this.filter.excludes(spec("b", "modern", "com.x.B"))).isFalse();
    }

    @Test
    void emptyFieldMatchesAnythingAsInPlux() {
        // plux's matcher treats a falsy field as "any": an empty environment variable must not void the exclusion
        this.filter.addExclusion("", "*also*", "");
        assertThat(this.filter.excludes(spec("a", "shouldalsoload", "com.x.A"))).isTrue();
        assertThat(this.filter.excludes(spec("a", "other", "com.x.A"))).isFalse();
    }

    @Test
    void exclusionWithOnlyNullFieldsExcludesEverything() {
        this.filter.addExclusion(null, null, null);
        assertThat(this.filter.excludes(spec("any", "thing", "com.x.Any"))).isTrue();
    }

    @Test
    void severalExclusionsAreOred() {
        this.filter.addExclusion("a", null, null);
        this.filter.addExclusion(null, "b*", null);
        assertThat(this.filter.excludes(spec("a", "x", "com.x.X"))).isTrue();
        assertThat(this.filter.excludes(spec("z", "bee", "com.x.X"))).isTrue();
        assertThat(this.filter.excludes(spec("z", "x", "com.x.X"))).isFalse();
    }

    @Test
    void valueIsMatchedAgainstTheEntryPointValue() {
        this.filter.addExclusion(null, null, "com.example.internal.*");
        assertThat(this.filter.excludes(spec("n", "a", "com.example.internal.Secret:member"))).isTrue();
        assertThat(this.filter.excludes(spec("n", "a", "com.example.api.Public"))).isFalse();
    }

    @Test
    void clearRemovesEveryExclusion() {
        this.filter.addExclusion(null, null, null);
        assertThat(this.filter.isEmpty()).isFalse();
        this.filter.clear();
        assertThat(this.filter.isEmpty()).isTrue();
        assertThat(this.filter.excludes(spec("n", "a", "com.x.A"))).isFalse();
    }

    @Test
    void malformedGlobIsRejectedAndNotAdded() {
        assertThatIllegalArgumentException().isThrownBy(() -> this.filter.addExclusion(null, "[oops", null));
        assertThat(this.filter.isEmpty()).isTrue();
    }

    @Test
    void globalIsOneInstanceForTheProcess() {
        assertThat(MatchingPluginFilter.global()).isSameAs(MatchingPluginFilter.global());
        MatchingPluginFilter.global().addExclusion("global.ns", null, null);
        assertThat(MatchingPluginFilter.global().excludes(spec("global.ns", "a", "com.x.A"))).isTrue();
        assertThat(this.filter.excludes(spec("global.ns", "a", "com.x.A"))).isFalse();
    }

    @Test
    void toStringListsTheExclusions() {
        this.filter.addExclusion("ns*", null, null);
        assertThat(this.filter.toString()).contains("namespace=ns*", "name=*");
    }

    @Test
    void describesTheExclusionThatMatched() {
        this.filter.addExclusion("other.*", null, null);
        this.filter.addExclusion("test.*", "*also*", null);
        PluginSpec spec = spec("test.ns", "this-also-matches", "com.x.A");
        assertThat(this.filter.excludes(spec)).isTrue();
        assertThat(this.filter.describeExclusion(spec))
            .isEqualTo("MatchingPluginFilter exclusion [namespace=test.*, name=*also*, value=*]");
        MatchingPluginFilter.global().addExclusion(null, null, "com.x.*");
        assertThat(MatchingPluginFilter.global().describeExclusion(spec))
            .isEqualTo("MatchingPluginFilter.global() exclusion [namespace=*, name=*, value=com.x.*]");
        assertThat(new MatchingPluginFilter().describeExclusion(spec)).isEqualTo("MatchingPluginFilter []");
    }

    private static PluginSpec spec(String namespace, String name, String value) {
        return new PluginSpec(namespace, name, NoopPlugin::new, value);
    }

    static final class NoopPlugin implements Plugin {
    }
}
