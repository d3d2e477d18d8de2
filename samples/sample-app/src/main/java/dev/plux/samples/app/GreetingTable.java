package dev.plux.samples.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.plux.runtime.PluginContainer;
import dev.plux.runtime.PluginManager;
import dev.plux.samples.greeting.GreetingPlugin;
import dev.plux.spring.PluginManagers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the application is ready: loads every greeting plugin through the typed manager, lets each greet, and
 * prints a table of every namespace and plugin with its state.
 */
@Component
class GreetingTable {

    private static final Logger logger = LoggerFactory.getLogger(GreetingTable.class);

    private final PluginManager<GreetingPlugin> greetings;

    private final PluginManagers managers;

    // typed injection: no qualifier needed, the bean is registered as PluginManager<GreetingPlugin>
    GreetingTable(PluginManager<GreetingPlugin> greetings, PluginManagers managers) {
        this.greetings = greetings;
        this.managers = managers;
    }

    @EventListener(ApplicationReadyEvent.class)
    void printTable() {
        Map<String, String> said = new TreeMap<>();
        for (GreetingPlugin plugin : this.greetings.loadAll()) {
            String name = nameOf(plugin);
            said.put(name, greet(name, plugin));
        }
        System.out.println(render(said));
    }

    /**
     * Calls the plugin's own code, which plux does not guard: it recorded how the plugin loaded, not what it does
     * when the application calls it. A third party's plugin from the plugins folder that loaded may still fail here
     * (a library its jar does not carry, a {@code NoClassDefFoundError}), and must not take the application down.
     */
    private String greet(String name, GreetingPlugin plugin) {
        try {
            return plugin.greet("plux");
        }
        catch (RuntimeException | LinkageError ex) {
            String bundle = this.greetings.getContainer(name)
                .bundle()
                .map((path) -> " (plugin bundle " + path + ")")
                .orElse("");
            logger.warn("plugin {}:{} failed when greeting: {}{}", this.greetings.namespace(), name, ex, bundle, ex);
            return "greet failed: " + rootMessage(ex);
        }
    }

    private String nameOf(GreetingPlugin plugin) {
        for (PluginContainer<GreetingPlugin> container : this.greetings.listContainers()) {
            if (container.plugin() == plugin) {
                return container.name();
            }
        }
        return "?";
    }

    String render(Map<String, String> said) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "NAMESPACE", "PLUGIN", "STATE", "DETAIL" });
        for (PluginManager<?> manager : this.managers.all()) {
            for (PluginContainer<?> container : manager.listContainers()) {
                rows.add(new String[] { manager.namespace(), container.name(), container.state().name(),
                        detail(container, said) });
            }
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder("\nplux plugins\n");
        for (String[] row : rows) {
            table.append(String.format("  %-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s%n",
                    row[0], row[1], row[2], row[3]));
        }
        return table.toString();
    }

    private static String detail(PluginContainer<?> container, Map<String, String> said) {
        return switch (container.state()) {
            case DISABLED -> "disabled: " + container.disabledReason();
            case RESOLVE_FAILED -> "error: " + rootMessage(container.resolveError());
            case INIT_FAILED -> "error: " + rootMessage(container.initError());
            case LOAD_FAILED -> "error: " + rootMessage(container.loadError());
            case LOADED -> said.getOrDefault(container.name(), container.entryPoint().value());
            default -> container.entryPoint().value();
        };
    }

    private static String rootMessage(@Nullable Throwable error) {
        return (error == null) ? "" : error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
