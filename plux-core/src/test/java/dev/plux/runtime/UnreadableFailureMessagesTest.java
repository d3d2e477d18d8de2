package dev.plux.runtime;

import java.util.ArrayList;
import java.util.List;

import dev.plux.LogCapture;
import dev.plux.QuietLogs;
import dev.plux.TestPlugins;
import dev.plux.core.CompositePluginLifecycleListener;
import dev.plux.core.Plugin;
import dev.plux.core.PluginException;
import dev.plux.core.PluginLifecycleListener;
import dev.plux.core.PluginSpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failure whose {@code getMessage()} or {@code toString()} itself throws (a message built lazily from state that
 * is not there) is still the plugin's failure: recorded, logged, told to the listeners, thrown as a
 * {@link PluginException} naming the plugin, and skipped by {@code loadAll()}.
 */
@Timeout(60)
class UnreadableFailureMessagesTest {

    private static final String NS = "test.unreadable";

    @RegisterExtension
    final QuietLogs quietLogs = new QuietLogs(PluginManager.class, CompositePluginLifecycleListener.class);

    private final List<String> events = new ArrayList<>();

    /** An exception whose message cannot be read. */
    static final class UnreadableMessage extends RuntimeException {

        @Override
        public String getMessage() {
            throw new IllegalStateException("no message state");
        }
    }

    /** An exception that cannot say what it is. */
    static final class UnprintableException extends RuntimeException {

        UnprintableException() {
            super("has a message");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("no toString state");
        }
    }

    private static Plugin failingLoad(RuntimeException failure) {
        return new Plugin() {
            @Override
            public @Nullable Object load(Object... args) {
                throw failure;
            }
        };
    }

    @Test
    void aLoadOrInitFailureWhoseMessageThrowsIsRecordedToldAndSkipped() {
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(new PluginSpec(NS, "load", () -> failingLoad(new UnreadableMessage())),
                    new PluginSpec(NS, "init", () -> {
                        throw new UnreadableMessage();
                    }),
                    new PluginSpec(NS, "printless", () -> failingLoad(new UnprintableException())),
                    PluginSpec.of(NS, "ok", TestPlugins.Noop.class)))
            .listener(new TestPlugins.RecordingListener(this.events))
            .build();
        try (LogCapture log = LogCapture.of(PluginManager.class)) {
            assertThat(manager.loadAll()).hasSize(1);
            assertThat(log.warnings()).anySatisfy((line) -> assertThat(line).contains(NS + ":load"))
                .anySatisfy((line) -> assertThat(line).contains(NS + ":init"))
                .anySatisfy((line) -> assertThat(line).contains(NS + ":printless"));
        }
        assertThat(this.events).contains("loadException load", "initException init", "loadException printless");
        for (String name : List.of("load", "init", "printless")) {
            assertThatThrownBy(() -> manager.load(name)).isInstanceOf(PluginException.class)
                .hasMessageContaining(NS + ":" + name)
                .satisfies((thrown) -> assertThat(((PluginException) thrown).name()).isEqualTo(name));
        }
        assertThat(manager.getContainer("load").state()).isEqualTo(PluginState.LOAD_FAILED);
        assertThat(manager.getContainer("init").state()).isEqualTo(PluginState.INIT_FAILED);
        assertThat(manager.getContainer("load").loadError()).isInstanceOf(UnreadableMessage.class);
    }

    @Test
    void aListenerThrowingAnExceptionWhoseMessageThrowsDoesNotKeepTheNextListenersFromRunning() {
        PluginLifecycleListener unreadable = new PluginLifecycleListener() {
            @Override
            public void onLoadBefore(PluginSpec spec, Plugin plugin, List<Object> loadArgs) {
                throw new UnreadableMessage();
            }

            @Override
            public void onLoadAfter(PluginSpec spec, Plugin plugin, @Nullable Object loadResult) {
                throw new UnprintableException();
            }
        };
        PluginManager<Plugin> manager = PluginManager.<Plugin>builder(NS)
            .finder(() -> List.of(PluginSpec.of(NS, "ok", TestPlugins.Noop.class)))
            .listener(unreadable)
            .listener(new TestPlugins.RecordingListener(this.events))
            .build();
        try (LogCapture log = LogCapture.of(CompositePluginLifecycleListener.class)) {
            assertThat(manager.load("ok")).isNotNull();
            assertThat(log.warnings()).hasSize(2).allSatisfy((line) -> assertThat(line).contains(NS + ":ok"));
        }
        assertThat(this.events).contains("loadBefore ok []", "loadAfter ok");
    }
}
