package dev.plux.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginException;

import org.slf4j.Logger;

/**
 * One {@link PluginManager#loadAll(boolean)}: every declared plugin loaded in discovery order, and the policy of
 * which outcome stops the run. Disabled plugins are skipped; a failed one is skipped unless failures propagate; an
 * interrupt always stops it, since going on would start the next plugins with the interrupt set (failing them for
 * good) and leave out loaded ones.
 *
 * @param <P> the plugin type
 */
final class LoadAll<P extends Plugin> {

    private static final Logger logger = LifecycleEvents.logger;

    private final DeclaredPlugins<P> declared;

    /** The manager's {@code load(name)}, with its fast path for loaded plugins. */
    private final Function<String, P> load;

    LoadAll(DeclaredPlugins<P> declared, Function<String, P> load) {
        this.declared = declared;
        this.load = load;
    }

    /**
     * Resolves, then loads, every plugin of the namespace.
     *
     * @param propagateExceptions whether the first failure is thrown
     * @return the loaded plugins, in discovery order
     */
    List<P> run(boolean propagateExceptions) {
        this.declared.resolveAll(propagateExceptions);
        List<P> loaded = new ArrayList<>();
        for (ManagedPlugin<P> container : this.declared.containers()) {
            boolean interruptedBefore = Thread.currentThread().isInterrupted();
            // a plugin settled before runs nothing now: its recorded failure is an earlier attempt's
            boolean settledBefore = container.settled;
            try {
                loaded.add(this.load.apply(container.name()));
            }
            catch (PluginDisabled ex) {
                logger.debug("skipping disabled plugin {}: {}", container.describe(), ex.reason());
            }
            catch (PluginException ex) {
                // an interrupted wait for another thread's load is no failure of that plugin
                if (propagateExceptions || isInterruption(ex, interruptedBefore, settledBefore)) {
                    throw ex;
                }
                logger.debug("skipping failed plugin {}", container.describe(), Failures.toLog(ex));
            }
            catch (StackOverflowError ex) {
                // recorded as this plugin's failure and unwound: it is the plugin's, not the other plugins'
                if (propagateExceptions) {
                    throw this.declared.events().stickyFailure(container);
                }
                logger.debug("skipping plugin {}, which overflowed the stack", container.describe());
            }
        }
        return loaded;
    }

    /**
     * Whether a failure came from the thread's interrupt: the interrupt was set during this load (a plugin consumed
     * it, a wait was cut short), or the failure is an interruption of this load. A thread interrupted before still
     * skips a plugin that failed for another reason, or that had failed already (whatever interrupted it then was
     * another load's), as without the interrupt.
     */
    private static boolean isInterruption(PluginException failure, boolean interruptedBefore, boolean settledBefore) {
        if (!Thread.currentThread().isInterrupted()) {
            return false;
        }
        if (!interruptedBefore) {
            return true;
        }
        Throwable cause = failure.getCause();
        return !settledBefore && cause != null && Failures.isInterruption(cause);
    }
}
