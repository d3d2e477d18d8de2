package dev.plux.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The class loader of one bundle of a plugin directory: it looks classes and resources up in the bundle first, so
 * that two bundles can carry two versions of one library, except for the packages the bundle shares with its
 * parent (Java, plux, SLF4J, Spring), which it asks of the parent first and defines itself only when the parent
 * has no such class.
 *
 * <p>Besides the {@code java.}, {@code javax.}, {@code jakarta.}, {@code dev.plux.}, {@code org.slf4j.} and
 * {@code org.springframework.} prefixes of the contract, the packages of the JDK's own modules (such as
 * {@code org.w3c.dom} or {@code org.xml.sax}) are parent-first too: a second copy of a JDK type in a bundle would
 * not be the type the JDK's code passes around.
 */
final class BundleClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private static final List<String> PARENT_FIRST = List.of("java.", "javax.", "jakarta.", "dev.plux.",
            "org.slf4j.", "org.springframework.");

    /** The same prefixes as resource paths ({@code dev/plux/...}). */
    private static final List<String> PARENT_FIRST_RESOURCES = PARENT_FIRST.stream()
        .map((prefix) -> prefix.replace('.', '/'))
        .toList();

    private static final String SERVICES = "META-INF/services/";

    /** Packages of the boot layer's modules (the JDK's, and the application's when it runs on the module path). */
    private static final Set<String> BOOT_LAYER_PACKAGES = ModuleLayer.boot()
        .modules()
        .stream()
        .map(Module::getDescriptor)
        .flatMap((descriptor) -> descriptor.packages().stream())
        .collect(Collectors.toUnmodifiableSet());

    /** Set once, right after construction: the bundle this loader belongs to (keeps it alive with its classes). */
    private volatile @Nullable Bundle bundle;

    BundleClassLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    void bundle(Bundle owner) {
        this.bundle = owner;
    }

    /**
     * The bundle this loader reads.
     *
     * @return the bundle
     */
    Bundle bundle() {
        Bundle owner = this.bundle;
        if (owner == null) {
            throw new IllegalStateException("class loader " + getName() + " is not attached to its bundle yet");
        }
        return owner;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = isParentFirstClass(name) ? loadParentFirst(name) : loadBundleFirst(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    private Class<?> loadParentFirst(String name) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name);
        }
        catch (ClassNotFoundException ex) {
            if (name.startsWith("java.")) {
                // only the JDK may define java.*; defining it would throw a SecurityException instead
                throw ex;
            }
            return findClass(name);
        }
    }

    private Class<?> loadBundleFirst(String name) throws ClassNotFoundException {
        try {
            return findClass(name);
        }
        catch (ClassNotFoundException ex) {
            return getParent().loadClass(name);
        }
    }

    /**
     * Finds a resource in the bundle first (in the parent first for the shared packages); a provider file of a
     * service type the bundle carries its own copy of only in the bundle, as {@link #getResources} lists it.
     *
     * @param name the resource's name
     * @return its URL, or {@code null}
     */
    @Override
    public @Nullable URL getResource(String name) {
        URL url;
        if (isProviderFileOfOwnType(name)) {
            // the parent's file names providers of the parent's copy (a library reading one provider file itself,
            // as commons-logging's LogFactory does, would create the application's provider and fail on it)
            return findResource(name);
        }
        if (isParentFirstResource(name)) {
            url = getParent().getResource(name);
            return (url != null) ? url : findResource(name);
        }
        url = findResource(name);
        return (url != null) ? url : getParent().getResource(name);
    }

    /**
     * Lists a resource in the bundle and in the parent, except the provider files of a service type the bundle
     * carries its own copy of ({@code META-INF/services/<type>}), which it lists from itself only.
     *
     * <p>Why: a provider the parent lists implements the parent's copy of the type, never the bundle's, so
     * {@code ServiceLoader.load(type, bundleLoader)} (or the one-argument form while plux runs a plugin's code)
     * failed the whole lookup with "... not a subtype" as soon as the application had a provider of its own (a
     * bundle carrying its own Jackson, in an application with a Jackson module).
     *
     * @param name the resource's name
     * @return the bundle's URLs, then the parent's (the parent's first for the shared packages)
     * @throws IOException if a location cannot be read
     */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isProviderFileOfOwnType(name)) {
            return findResources(name);
        }
        List<URL> urls = new ArrayList<>();
        boolean parentFirst = isParentFirstResource(name);
        Enumeration<URL> first = parentFirst ? getParent().getResources(name) : findResources(name);
        Enumeration<URL> second = parentFirst ? findResources(name) : getParent().getResources(name);
        urls.addAll(Collections.list(first));
        urls.addAll(Collections.list(second));
        return Collections.enumeration(urls);
    }

    /**
     * Opens a resource (what {@code getClass().getResourceAsStream(...)} of a plugin comes to) without the JDK's
     * JVM-wide cache of jar files. {@link URLClassLoader} reads a jar's resource through that cache, which keeps the
     * jar open until this loader is {@linkplain #close closed}, and plux never closes a bundle's loader (any manager
     * of the JVM may share it): the jar would stay open, and locked on Windows, for the life of the JVM after the
     * loader is collected, and a later loader of the same path (an application restarted in the JVM) would read
     * the old jar's resources from it. Uncached, the stream holds its own opening of the jar, closed with the stream
     * (or, if never closed, once the stream is collected); it shares what the JDK has read of the jar already.
     *
     * @param name the resource's name
     * @return the stream, or {@code null} if there is no such resource or it cannot be opened
     */
    @Override
    public @Nullable InputStream getResourceAsStream(String name) {
        Objects.requireNonNull(name, "name");
        URL url = getResource(name);
        if (url == null) {
            return null;
        }
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection) {
                connection.setUseCaches(false);
            }
            return connection.getInputStream();
        }
        catch (IOException ex) {
            // as ClassLoader.getResourceAsStream: a resource that cannot be read is none
            return null;
        }
    }

    /** Whether the name is {@code META-INF/services/<type>} for a type this bundle defines its own copy of. */
    private boolean isProviderFileOfOwnType(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        if (!path.startsWith(SERVICES)) {
            return false;
        }
        String type = path.substring(SERVICES.length());
        if (type.isEmpty() || type.indexOf('/') >= 0 || isParentFirstClass(type)) {
            return false;
        }
        return findResource(type.replace('.', '/') + ".class") != null;
    }

    static boolean isParentFirstClass(String name) {
        for (String prefix : PARENT_FIRST) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 && BOOT_LAYER_PACKAGES.contains(name.substring(0, dot));
    }

    static boolean isParentFirstResource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        for (String prefix : PARENT_FIRST_RESOURCES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        int slash = path.lastIndexOf('/');
        return slash > 0 && BOOT_LAYER_PACKAGES.contains(path.substring(0, slash).replace('/', '.'));
    }

    @Override
    public String toString() {
        return "BundleClassLoader[" + getName() + "]";
    }
}
