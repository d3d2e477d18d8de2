package dev.plux.runtime;

import java.util.List;

import dev.plux.core.EntryPoint;
import dev.plux.core.Plugin;
import dev.plux.core.PluginDisabled;
import dev.plux.core.PluginSpec;

import org.slf4j.Logger;

/**
 * Asks a manager's filters, outside a load, whether they exclude a plugin ({@link PluginManager#excludes}): the
 * same filters, in the same order, with the outcome a load gives them ({@code LoadLifecycle}), so that the answer
 * is what loading the plugin would do with it.
 */
final class FilterQuery<P extends Plugin> {

    private static final Logger logger = LifecycleEvents.logger;

    private final String namespace;

    private final DeclaredPlugins<P> declared;

    private final List<PluginFilter> filters;

    /**
     * @param namespace the manager's namespace
     * @param declared the manager's plugins
     * @param filters the filters as the manager's load asks them: its builder's, then the global filter
     */
    FilterQuery(String namespace, DeclaredPlugins<P> declared, List<PluginFilter> filters) {
        this.namespace = namespace;
        this.declared = declared;
        this.filters = List.copyOf(filters);
    }

    /** {@link PluginManager#excludes(EntryPoint)}. */
    boolean excludes(EntryPoint entryPoint) {
        if (!entryPoint.namespace().equals(this.namespace)) {
            throw new IllegalArgumentException("plugin manager " + this.namespace + " filters only its own namespace's"
                    + " plugins, not " + Failures.plugin(entryPoint.namespace(), entryPoint.name()));
        }
        return excludes(specOf(entryPoint));
    }

    /** The spec a load gives the filters if the plugin has resolved here, else the one its entry point declares. */
    private PluginSpec specOf(EntryPoint entryPoint) {
        // isRead first: looking the name up must not read the namespace. The value, not the whole entry point, is
        // compared: the filters see no index file, and URL.equals may resolve host names
        ManagedPlugin<P> container = this.declared.isRead() ? this.declared.find(entryPoint.name()) : null;
        PluginSpec resolved = (container != null && container.entryPoint().value().equals(entryPoint.value()))
                ? container.spec : null;
        return (resolved != null) ? resolved : declared(entryPoint);
    }

    /**
     * Whether a filter excludes the plugin (or throws a {@link PluginDisabled} naming it) before one fails; a
     * {@link VirtualMachineError} is thrown.
     */
    private boolean excludes(PluginSpec spec) {
        for (PluginFilter filter : this.filters) {
            try {
                if (filter.excludes(spec)) {
                    return true;
                }
            }
            catch (VirtualMachineError ex) {
                throw ex;
            }
            catch (Throwable ex) {
                if (ex instanceof PluginDisabled disabled
                        && LifecycleEvents.names(disabled, spec.namespace(), spec.name())) {
                    // a load disables the plugin with the filter's reason: it is excluded
                    return true;
                }
                if (calledStandIn(ex)) {
                    // the filter needs the plugin's factory, which an unresolved plugin does not have yet: it cannot
                    // answer here, which is no failure of it (a load gives it the real factory), so the later
                    // filters, the global one included, decide
                    logger.debug("plugin filter {} cannot tell before resolution whether it excludes plugin {}", filter,
                            Failures.plugin(spec.namespace(), spec.name()));
                    continue;
                }
                // a load stops at a failing filter and fails the plugin (INIT_FAILED) without asking the later ones:
                // the plugin is failed, not excluded. The load records and logs that failure; here it is only asked
                Failures.keepInterrupt(ex);
                logger.debug("plugin filter {} failed for plugin {}, which it therefore does not exclude: {}", filter,
                        Failures.plugin(spec.namespace(), spec.name()), Failures.describe(ex), Failures.toLog(ex));
                return false;
            }
        }
        return false;
    }

    /**
     * The spec of a plugin that has not resolved (or cannot: its class is missing): what its entry point declares,
     * its value stripped as resolution strips it, and a factory that is never meant to be called.
     */
    private static PluginSpec declared(EntryPoint entryPoint) {
        String plugin = Failures.plugin(entryPoint.namespace(), entryPoint.name());
        return new PluginSpec(entryPoint.namespace(), entryPoint.name(), () -> unresolved(plugin),
                entryPoint.value().strip());
    }

    private static Plugin unresolved(String plugin) {
        throw new Unresolved("plugin " + plugin + " is not resolved: a filter asked through "
                + "PluginManager.excludes(EntryPoint) before resolution sees its entry point, not its factory");
    }

    /** Whether a filter failed because it called the stand-in factory, directly or below its own exception. */
    private static boolean calledStandIn(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 100; depth++, cause = cause.getCause()) {
            if (cause instanceof Unresolved) {
                return true;
            }
        }
        return false;
    }

    /** What the stand-in factory of an unresolved plugin throws: told apart from a filter's own failure. */
    private static final class Unresolved extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        Unresolved(String message) {
            super(message);
        }
    }
}
