package dev.plux.spring.boot.autoconfigure;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;

/**
 * The keys of one level of {@code plux.*} ({@code plux} itself, {@code plux.startup}, an item of
 * {@code plux.namespaces} or of {@code plux.exclude}), read from the classes they are bound to, so that a property
 * added to {@link PluxProperties} is known without a list kept here. A level tells whether a name below it binds to
 * something: Boot's JavaBean and value-object binding drop a key nothing binds, silently.
 */
final class KnownKeys {

    /** The keys directly under {@code plux}, and through them every level below. */
    static final KnownKeys PLUX = levelOf(PluxProperties.class);

    /** Known key by its first element in Boot's uniform form ({@code progressinterval}). */
    private final Map<String, Key> byUniform;

    /** The keys with a dash, which the process environment may also write with underscores for the dashes. */
    private final List<Key> dashed;

    /** The dashed names, sorted, as messages list them. */
    private final List<String> names;

    private KnownKeys(Map<String, Key> byDashedName) {
        Map<String, Key> byUniform = new HashMap<>();
        List<Key> dashed = new ArrayList<>();
        for (Key key : byDashedName.values()) {
            byUniform.put(ConfigurationPropertyName.of(key.name()).getElement(0, Form.UNIFORM), key);
            if (key.parts().size() > 1) {
                dashed.add(key);
            }
        }
        this.byUniform = byUniform;
        this.dashed = List.copyOf(dashed);
        this.names = List.copyOf(byDashedName.keySet());
    }

    /**
     * The known keys of this level in their dashed form ({@code progress-interval}), sorted.
     *
     * @return the names
     */
    List<String> names() {
        return this.names;
    }

    /**
     * The known key of this level with the dashed name {@code name}.
     *
     * @param name a dashed name such as {@code startup}
     * @return the level below it, or {@code null} when it is no key of this level or has no keys below it
     */
    @Nullable KnownKeys below(String name) {
        Key key = this.byUniform.get(ConfigurationPropertyName.of(name).getElement(0, Form.UNIFORM));
        return (key != null) ? key.below() : null;
    }

    /**
     * Why {@code name}, read from its element {@code offset} on as a key of this level, binds to nothing.
     *
     * @param name a name, such as {@code plux.startup.paralelism}
     * @param offset the element of {@code name} where this level's key starts (1 for {@link #PLUX})
     * @param environment whether the name comes from the process environment, where Boot also reads an underscore
     *        as a dash ({@code PLUX_STARTUP_PROGRESS_INTERVAL})
     * @return the unknown key, or {@code null} when the name binds
     */
    @Nullable Unknown find(ConfigurationPropertyName name, int offset, boolean environment) {
        Unknown first = null;
        Key key = this.byUniform.get(name.getElement(offset, Form.UNIFORM));
        if (key != null) {
            first = key.find(this, name, offset, 1, environment);
            if (first == null) {
                return null;
            }
        }
        if (environment) {
            for (Key candidate : this.dashed) {
                if (candidate.isSeparatedAt(name, offset)) {
                    Unknown unknown = candidate.find(this, name, offset, candidate.parts().size(), environment);
                    if (unknown == null) {
                        return null;
                    }
                    first = (first != null) ? first : unknown;
                }
            }
        }
        if (first != null) {
            return first;
        }
        String written = environment ? separated(name, offset) : name.getElement(offset, Form.DASHED);
        return new Unknown(offset, this, written, closest(written, name, offset), null);
    }

    /**
     * The known key of this level closest to an unknown one, if it is close enough to be a typo of it (at most a
     * third of its letters changed, at least one); compared without dashes and case, as Boot compares keys. When
     * the first element is not close, the elements up to an index are tried together ({@code plugin.directories},
     * the dots meant as dashes).
     */
    private @Nullable String closest(String written, ConfigurationPropertyName name, int offset) {
        String best = closest(uniform(written));
        return (best != null) ? best : closest(uniform(separated(name, offset)));
    }

    private @Nullable String closest(String written) {
        String best = null;
        int bestDistance = Math.max(1, written.length() / 3) + 1;
        for (String known : this.names) {
            int distance = distance(written, uniform(known));
            if (distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static String uniform(String key) {
        StringBuilder uniform = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                uniform.append(Character.toLowerCase(c));
            }
        }
        return uniform.toString();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * An unknown key of an environment variable, whose underscores may have been meant as dashes: its elements up
     * to an index, {@code plugin.typ} for {@code PLUX_NAMESPACES_0_PLUGIN_TYP} (rather than {@code plugin}).
     */
    private static String separated(ConfigurationPropertyName name, int offset) {
        StringBuilder key = new StringBuilder(name.getElement(offset, Form.DASHED));
        for (int i = offset + 1; i < name.getNumberOfElements() && !isIndex(name, i); i++) {
            key.append('.').append(name.getElement(i, Form.DASHED));
        }
        return key.toString();
    }

    /** Whether an element is an index, in either form ({@code [0]} or {@code .0}, as Boot binds both). */
    static boolean isIndex(ConfigurationPropertyName name, int element) {
        if (name.isNumericIndex(element)) {
            return true;
        }
        String text = name.getElement(element, Form.UNIFORM);
        return !text.isEmpty() && text.chars().allMatch((c) -> c >= '0' && c <= '9');
    }

    /** The keys of a class bound as a JavaBean: its public getters and setters, as Boot's JavaBean binder reads them. */
    private static KnownKeys levelOf(Class<?> type) {
        Constructor<?> constructor = PluxSettingsBinding.bindConstructor(type);
        Map<String, Key> keys = new TreeMap<>();
        if (constructor != null) {
            for (Parameter parameter : constructor.getParameters()) {
                add(keys, parameter.getName(), parameter.getParameterizedType());
            }
            return new KnownKeys(keys);
        }
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == Object.class || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = method.getName();
            int parameters = method.getParameterCount();
            if (parameters == 0 && name.startsWith("get") && name.length() > 3) {
                add(keys, name.substring(3), method.getGenericReturnType());
            }
            else if (parameters == 0 && name.startsWith("is") && name.length() > 2) {
                add(keys, name.substring(2), method.getGenericReturnType());
            }
            else if (parameters == 1 && name.startsWith("set") && name.length() > 3) {
                add(keys, name.substring(3), method.getGenericParameterTypes()[0]);
            }
        }
        return new KnownKeys(keys);
    }

    private static void add(Map<String, Key> keys, String property, Type type) {
        String name = DataObjectPropertyName.toDashedForm(property);
        keys.computeIfAbsent(name, (dashed) -> Key.of(dashed, type));
    }

    /** Whether a type is one of plux's property classes, whose own keys are a level of their own. */
    private static boolean isPluxType(Type type) {
        return type instanceof Class<?> cls && cls.getEnclosingClass() == PluxProperties.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return (type instanceof Class<?> cls) ? cls : Object.class;
    }

    /** How a key binds what is below it. */
    private enum Kind {

        /** A single value ({@code parallelism}): nothing below it binds. */
        VALUE,

        /** A list of values ({@code plugin-directories}): its items bind, nothing below them. */
        VALUES,

        /** An object of plux ({@code startup}): the keys of its level bind. */
        OBJECT,

        /** A list of plux objects ({@code namespaces}): the keys of its level bind below each item. */
        OBJECTS,

        /** A map: any key binds below it. */
        MAP
    }

    /**
     * A known key.
     *
     * @param name its dashed name
     * @param parts the uniform forms of its dash-separated words ({@code progress}, {@code interval})
     * @param kind how it binds what is below it
     * @param below the keys of its objects, or {@code null}
     */
    private record Key(String name, List<String> parts, Kind kind, @Nullable KnownKeys below) {

        static Key of(String name, Type type) {
            List<String> parts = List.of(name.split("-"));
            Class<?> raw = raw(type);
            if (Map.class.isAssignableFrom(raw)) {
                return new Key(name, parts, Kind.MAP, null);
            }
            Type element = null;
            if (raw.isArray()) {
                element = raw.getComponentType();
            }
            else if (Collection.class.isAssignableFrom(raw)) {
                element = (type instanceof ParameterizedType parameterized)
                        ? parameterized.getActualTypeArguments()[0] : Object.class;
            }
            if (element != null) {
                return isPluxType(element) ? new Key(name, parts, Kind.OBJECTS, levelOf((Class<?>) element))
                        : new Key(name, parts, Kind.VALUES, null);
            }
            return isPluxType(type) ? new Key(name, parts, Kind.OBJECT, levelOf(raw))
                    : new Key(name, parts, Kind.VALUE, null);
        }

        /** Whether the name's elements from {@code offset} on are this key's words, as the environment writes them. */
        boolean isSeparatedAt(ConfigurationPropertyName name, int offset) {
            if (name.getNumberOfElements() < offset + this.parts.size()) {
                return false;
            }
            for (int i = 0; i < this.parts.size(); i++) {
                if (!this.parts.get(i).equals(name.getElement(offset + i, Form.UNIFORM))) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Why the name, this key taking its {@code length} elements from {@code offset} on, binds to nothing: a
         * value below a value, keys below a list item that is a plain value ({@code include[0].name}), a YAML
         * indentation slip that Boot would drop silently.
         */
        @Nullable Unknown find(KnownKeys level, ConfigurationPropertyName name, int offset, int length,
                boolean environment) {
            int next = offset + length;
            int size = name.getNumberOfElements();
            // a value on an object key (plux.startup=8) or a list of objects given as one string binds through
            // conversion, which fails loudly when it cannot: only what lies below can be dropped silently (the
            // plain values of plux.startup and plux.exclude are reported with the keys to write by UnknownKeys)
            boolean known = switch (this.kind) {
                case MAP -> true;
                case VALUE -> next == size;
                case VALUES -> next == size || (next + 1 == size && isIndex(name, next));
                case OBJECT -> next == size;
                case OBJECTS -> next == size || (next + 1 == size && isIndex(name, next));
            };
            if (known) {
                return null;
            }
            KnownKeys below = this.below;
            if (this.kind == Kind.OBJECT && below != null) {
                return below.find(name, next, environment);
            }
            if (this.kind == Kind.OBJECTS && below != null && isIndex(name, next)) {
                return below.find(name, next + 1, environment);
            }
            // below a known key: the known part is not what is wrong, so the whole rest is named
            return new Unknown(offset, level, name.subName(offset).toString(), null, notNumbered(name, next));
        }

        /**
         * For a list whose items are written as keys rather than numbered (YAML's {@code namespaces:} with a
         * namespace as the key of its settings, {@code plux.exclude.name}): that the list's items are numbered,
         * since naming the list's own key unknown misleads; otherwise {@code null}.
         */
        private @Nullable String notNumbered(ConfigurationPropertyName name, int next) {
            if ((this.kind != Kind.OBJECTS && this.kind != Kind.VALUES) || next >= name.getNumberOfElements()
                    || isIndex(name, next)) {
                return null;
            }
            ConfigurationPropertyName list = name.chop(next);
            String hint = list + " is a list, whose items are numbered: " + list + "[0]"
                    + ((this.below != null) ? ".<key>" : "") + "=... (in YAML, each item starts with '- '), and '"
                    + name.getElement(next, Form.ORIGINAL) + "' is no index";
            return (this.below != null) ? hint + "; the keys of an item are " + String.join(", ", this.below.names())
                    : hint;
        }
    }

    /**
     * A key that binds to nothing.
     *
     * @param offset the element of the name where the key starts: {@code name.chop(offset)} is its parent
     * @param level the keys known there
     * @param key the key as written below the parent ({@code paralelism}, {@code plugin-type.name})
     * @param closest the known key it is likely a typo of, or {@code null}
     * @param hint what is wrong when the key below a known one is not a typo (a list's items not numbered), said
     *        instead of the known keys of the level, or {@code null}
     */
    record Unknown(int offset, KnownKeys level, String key, @Nullable String closest, @Nullable String hint) {
    }
}
