package dev.plux.core;

import java.util.concurrent.atomic.AtomicInteger;

/** Public plugin classes and holders for the resolver and factory tests. */
public final class Fixtures {

    /** Counts runs of the static initializer of {@link Untouched}. */
    public static final AtomicInteger UNTOUCHED_INITS = new AtomicInteger();

    /** Counts calls of {@link Functions#condition()}. */
    public static final AtomicInteger CONDITION_CALLS = new AtomicInteger();

    /** The value {@link Functions#condition()} returns. */
    public static volatile boolean condition = true;

    private Fixtures() {
    }

    /** A plugin. */
    public static class Simple implements Plugin {

        /** Creates the plugin. */
        public Simple() {
        }
    }

    /** A plugin whose static initializer is counted. */
    public static class Untouched implements Plugin {

        static {
            UNTOUCHED_INITS.incrementAndGet();
        }

        /** Creates the plugin. */
        public Untouched() {
        }
    }

    /** An abstract plugin. */
    public abstract static class Abstract implements Plugin {

        /** Creates the plugin. */
        protected Abstract() {
        }
    }

    /** A plugin whose constructor fails. */
    public static class FailingConstructor implements Plugin {

        /**
         * Creates the plugin.
         * @throws Exception always
         */
        public FailingConstructor() throws Exception {
            throw new java.io.IOException("constructor failed");
        }
    }

    /** A non-public plugin. */
    static class Hidden implements Plugin {
    }

    /** Static members naming plugins. */
    public static final class Holder {

        /** A matching spec. */
        public static final PluginSpec SPEC = PluginSpec.of("ns", "spec", Simple.class);

        /** A factory. */
        public static final PluginFactory FACTORY = Simple::new;

        /** Null. */
        public static final Object NOTHING = null;

        /** A non-static field. */
        public final PluginFactory instanceField = Simple::new;

        private Holder() {
        }

        /** Creates a plugin. */
        public static Simple create() {
            return new Simple();
        }

        /** Returns a spec. */
        public static PluginSpec spec() {
            return PluginSpec.of("ns", "method-spec", Simple.class);
        }

        /** Returns null. */
        public static PluginSpec nullSpec() {
            return null;
        }

        /** Returns the wrong type. */
        public static String text() {
            return "text";
        }

        /** Fails. */
        public static Plugin failing() {
            throw new IllegalStateException("factory method failed");
        }
    }

    /** Function plugins. */
    public static final class Functions {

        private Functions() {
        }

        /** A function with a condition. */
        @PluginFunction(namespace = "ns", name = "guarded", shouldLoad = "condition")
        public static String guarded(String who) {
            return "hello " + who;
        }

        /** A function without a condition. */
        @PluginFunction(namespace = "ns")
        public static void plain() {
        }

        /** A function that throws a checked exception. */
        @PluginFunction(namespace = "ns", name = "throwing")
        public static void throwing() throws java.io.IOException {
            throw new java.io.IOException("function failed");
        }

        /** A function whose condition is not boolean. */
        @PluginFunction(namespace = "ns", name = "bad", shouldLoad = "text")
        public static void badCondition() {
        }

        /** Not a boolean. */
        public static String text() {
            return "";
        }

        /** The condition of {@link #guarded(String)}. */
        public static boolean condition() {
            CONDITION_CALLS.incrementAndGet();
            return Fixtures.condition;
        }

        /** A condition that fails. */
        @PluginFunction(namespace = "ns", name = "fails", shouldLoad = "failingCondition")
        public static void withFailingCondition() {
        }

        /** Fails. */
        public static boolean failingCondition() {
            throw new IllegalStateException("condition failed");
        }

        /** Not static. */
        public void instanceMethod() {
        }
    }
}
