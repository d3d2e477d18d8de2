package dev.plux.runtime;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one warning a manager logs when no index file declares a plugin of its namespace: until then the first symptom of a
 * misspelled namespace, or of a build without the annotation processor, was a {@code NoSuchPluginException} at the
 * first {@code load}. It names the namespace, how many index files were read, the declared namespace closest to it
 * (by edit distance; when none is close enough to be a typo, the declared ones) and the likely cause, as the evidence
 * has it: a typo when a declared namespace is close, the annotation processor when no index file declares any, either
 * when index files declare others, none close; a skipped index file (refused, unreadable) is named, since it may be the
 * one that declares it. On the module path, a plugin module that declares it but that no module requires (so the JVM
 * did not resolve it) is named first, with the option that adds it.
 */
final class EmptyNamespaceWarning {

    // the manager's logger: whoever tunes plux's manager logging sees this warning there
    private static final Logger logger = LoggerFactory.getLogger(PluginManager.class);

    /** Whether plux-core runs on the module path (as the named module dev.plux.core), not on the class path. */
    private static final boolean ON_MODULE_PATH = EmptyNamespaceWarning.class.getModule().isNamed();

    /** The most declared namespaces the warning lists when none is close to the configured one. */
    private static final int LISTED = 5;

    /** Where a namespace is set, for the user to look for a typo: on the plugins' side and the manager's. */
    private static final String WHERE_SET = "the plugins' annotation or the manager's configuration";

    private EmptyNamespaceWarning() {
    }

    /**
     * Logs the warning when no index file of the class path, nor of a bundle, has an entry of {@code namespace}:
     * that its section is empty when one file has the header, else the closest namespace, looked for in both.
     */
    static void warnIfUndeclared(String namespace, PluginIndex index, List<Bundle> bundles) {
        warnIfUndeclared(namespace, index, bundles, null);
    }

    /**
     * As {@link #warnIfUndeclared(String, PluginIndex, List)}, for a manager that also reads plugin directories:
     * when they gave no bundle, the warning says why (missing, empty), and that comes first among the likely causes.
     */
    static void warnIfUndeclared(String namespace, PluginIndex index, List<Bundle> bundles,
            @Nullable PluginDirectories directories) {
        warnIfUndeclared(namespace, index, bundles, directories, null);
    }

    /**
     * As {@link #warnIfUndeclared(String, PluginIndex, List, PluginDirectories)}, for a manager that also reads a
     * module layer ({@code layer}, else {@code null}): the warning says that layer has no index either, rather than
     * to pass one.
     */
    static void warnIfUndeclared(String namespace, PluginIndex index, List<Bundle> bundles,
            @Nullable PluginDirectories directories, @Nullable ModuleLayerClassLoader layer) {
        if (!index.entries(namespace).isEmpty()) {
            return;
        }
        List<String> declared = new ArrayList<>(index.namespaces());
        URL emptySection = index.emptySection(namespace);
        for (Bundle bundle : bundles) {
            if (!bundle.entries(namespace).isEmpty()) {
                return;
            }
            declared.addAll(bundle.namespaces());
            if (emptySection == null) {
                emptySection = bundle.emptySection(namespace);
            }
        }
        int files = index.files().size();
        List<PluginDirectories.NoBundle> withoutBundles = (directories != null && bundles.isEmpty())
                ? directories.withoutBundles() : List.of();
        if (emptySection != null) {
            logger.warn("{}", emptySectionMessage(namespace, emptySection, files, bundles.size()));
            return;
        }
        // on the module path, a plugin module nobody requires is the likeliest cause, and the one the index files
        // that were read cannot show
        List<UnresolvedModules.Declaring> unresolved = UnresolvedModules.declaring(namespace);
        if (!unresolved.isEmpty()) {
            logger.warn("{}", unresolvedMessage(namespace, files, bundles.size(), unresolved));
            return;
        }
        List<String> pf4j = Pf4jBundles.of(bundles);
        String message;
        if (!pf4j.isEmpty() && pf4j.size() == bundles.size() && declared.isEmpty() && index.skipped().isEmpty()) {
            // every bundle is a PF4J plugin jar and nothing declares any plux namespace: that is the cause, not a
            // processor missing from a plux build, which the generic cause would put first
            message = message(namespace, files, bundles.size(), declared, index.skipped(), withoutBundles,
                    Pf4jBundles.sentence(pf4j, bundles.size()));
        }
        else {
            message = message(namespace, files, bundles.size(), declared, index.skipped(), withoutBundles)
                    + (pf4j.isEmpty() ? "" : " " + Pf4jBundles.capitalized(Pf4jBundles.sentence(pf4j, bundles.size())));
        }
        if (layer != null && files == 0 && bundles.isEmpty()) {
            // the layer was passed: telling the user to pass one would send them round in a circle
            message += " The module layer given to moduleLayer(...) has none either (its modules: "
                    + Escaping.escape(layer.moduleNames()) + ").";
        }
        else if (ON_MODULE_PATH && files == 0 && bundles.isEmpty()) {
            // a plugin system with a layer of its own: no loader the manager was given sees it, and nothing here can
            // find it, so name the way to pass it
            message += " If the plugin modules are in a module layer of their own, pass it:"
                    + " PluginManager.builder(namespace).moduleLayer(layer).";
        }
        logger.warn("{}", message);
    }

    /**
     * The warning when modules of the module path that the JVM did not resolve declare the namespace: the plugins
     * are built and indexed, but no module requires theirs, so it is not part of the application.
     */
    static String unresolvedMessage(String namespace, int files, int bundles,
            List<UnresolvedModules.Declaring> unresolved) {
        StringBuilder message = new StringBuilder("plux namespace '").append(Escaping.escape(namespace))
            .append("': no index file declares it (");
        counts(message, files, bundles);
        message.append("). Likely cause: ");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < unresolved.size(); i++) {
            UnresolvedModules.Declaring module = unresolved.get(i);
            names.add(module.name());
            message.append((i == 0) ? "module " : ", module ").append(Escaping.escape(module.name()))
                .append(' ').append(module.where()).append(" declares it (")
                .append(Escaping.escape(IndexFileNames.describe(module.indexFile()))).append(')');
        }
        String modules = Escaping.escape(String.join(",", names));
        String requires = Escaping.escape(String.join("; requires ", names));
        boolean one = unresolved.size() == 1;
        // a module is resolved only when a module requires it or --add-modules names it; an application usually
        // knows only its plugins' API, so neither happens by itself
        return message.append(", but no module requires ").append(one ? "it" : "them").append(", so the JVM did not")
            .append(" resolve ").append(one ? "it" : "them").append("; start the application with --add-modules ")
            .append(modules).append(", or add 'requires ").append(requires)
            .append(";' to the module-info.java of the application").toString();
    }

    /**
     * The warning when the namespace has a section, with no entries: the header is there, so it is neither a typo
     * nor a missing index file. The file is hand-written (the processor drops a header with nothing below it): either
     * nobody wrote the entries below it, or the processor that would have merged the annotated plugins did not run.
     */
    static String emptySectionMessage(String namespace, URL file, int files, int bundles) {
        String escaped = Escaping.escape(namespace);
        StringBuilder message = new StringBuilder("plux namespace '").append(escaped)
            .append("': no plugins declared: its [").append(escaped).append("] section in ")
            .append(Escaping.escape(IndexFileNames.describe(file)))
            .append(" is empty, and no other index file declares it (");
        counts(message, files, bundles);
        // the processor drops a header with nothing below it: this file is hand-written, no processor merged into it
        return message.append("); add a line 'name = value' below that header for each plugin, or, if the plugins"
                + " are annotated, add the annotation processor (plux-processor) to their build: it fills the"
                + " section.").toString();
    }

    private static void counts(StringBuilder message, int files, int bundles) {
        message.append(Counts.of(files, "index file")).append(" read");
        if (bundles > 0) {
            message.append(" on the class path, and ").append(Counts.of(bundles, "plugin-directory bundle"));
        }
    }

    static String message(String namespace, int files, Collection<String> declared) {
        return message(namespace, files, 0, declared, List.of());
    }

    static String message(String namespace, int files, int bundles, Collection<String> declared) {
        return message(namespace, files, bundles, declared, List.of());
    }

    /**
     * The warning when no file has a section of the namespace.
     *
     * @param skipped the class path's index files that were found but skipped (each with an error logged already)
     */
    static String message(String namespace, int files, int bundles, Collection<String> declared,
            List<String> skipped) {
        return message(namespace, files, bundles, declared, skipped, List.of());
    }

    /**
     * The warning when no file has a section of the namespace.
     *
     * @param skipped the class path's index files that were found but skipped (each with an error logged already)
     * @param withoutBundles the manager's plugin directories, each with why it gave no bundle, when none gave one
     */
    static String message(String namespace, int files, int bundles, Collection<String> declared,
            List<String> skipped, List<PluginDirectories.NoBundle> withoutBundles) {
        return message(namespace, files, bundles, declared, skipped, withoutBundles, null);
    }

    /**
     * The warning when no file has a section of the namespace.
     *
     * @param skipped the class path's index files that were found but skipped (each with an error logged already)
     * @param withoutBundles the manager's plugin directories, each with why it gave no bundle, when none gave one
     * @param knownCause the likely cause, when the caller knows it better than "the processor did not run" (which it
     *        replaces when no declared namespace, skipped file or missing directory says otherwise), else null
     */
    static String message(String namespace, int files, int bundles, Collection<String> declared,
            List<String> skipped, List<PluginDirectories.NoBundle> withoutBundles, @Nullable String knownCause) {
        StringBuilder message = new StringBuilder("plux namespace '").append(Escaping.escape(namespace))
            .append("': no index file declares it (");
        counts(message, files, bundles);
        if (files == 0 && bundles == 0) {
            if (skipped.isEmpty()) {
                // on the module path the index files of the resolved modules were looked for too
                message.append(": there is no META-INF/plux/entry_points.txt ")
                    .append(ON_MODULE_PATH ? "in the resolved modules or on the class path" : "on the class path");
            }
            else {
                // the file is there but was refused: "there is none" would send the user after the build
                message.append(": ").append(Counts.of(skipped.size(), "index file"))
                    .append((skipped.size() == 1) ? " was" : " were");
                skipped(message, skipped);
            }
        }
        else {
            message.append(", none has a [").append(Escaping.escape(namespace)).append("] section");
            if (!skipped.isEmpty()) {
                message.append("; ").append(skipped.size()).append(" more ")
                    .append((skipped.size() == 1) ? "was" : "were");
                skipped(message, skipped);
            }
        }
        if (!withoutBundles.isEmpty()) {
            message.append(", and the plugin directories hold no bundle: ").append(describe(withoutBundles));
        }
        message.append(')');
        String closest = ClosestName.closest(namespace, declared);
        if (closest != null) {
            // the index files are there and one is a few characters off: the typo is the evidence, not the processor
            return message.append(". Likely cause: a typo: did you mean '").append(Escaping.quote(closest))
                .append("', the closest declared namespace? Check where the namespace is set: ").append(WHERE_SET)
                .append(". If neither is a typo, the plugins' build did not run the annotation processor"
                        + " (plux-processor).")
                .toString();
        }
        if (!declared.isEmpty()) {
            // none is near enough to be a typo of it: say what there is instead of guessing
            List<String> names = new ArrayList<>(new TreeSet<>(declared));
            message.append("; no declared namespace is close to it (declared: ");
            for (int i = 0; i < Math.min(names.size(), LISTED); i++) {
                message.append((i > 0) ? ", '" : "'").append(Escaping.quote(names.get(i))).append('\'');
            }
            if (names.size() > LISTED) {
                message.append(" and ").append(names.size() - LISTED).append(" more");
            }
            message.append(')');
        }
        if (!skipped.isEmpty()) {
            // a refused file may hold the section: what it declares is unknown, so it comes before any guess
            String which = (skipped.size() == 1) ? "file, which" : "files, which";
            String error = (skipped.size() == 1) ? "that error says" : "those errors say";
            return message.append(". Likely cause: the skipped index ").append(which)
                .append(" may declare it: fix what ").append(error)
                .append(". If it does not declare it, the plugins' build did not run the annotation processor"
                        + " (plux-processor), or the namespace is misspelled where it is set: ")
                .append(WHERE_SET).append('.')
                .toString();
        }
        List<PluginDirectories.NoBundle> unreadable = withoutBundles.stream()
            .filter(PluginDirectories.NoBundle::unreadable)
            .toList();
        if (!unreadable.isEmpty()) {
            // the jars are where the manager looks but could not be read: their errors, not the location, are the
            // first suspect
            return message.append(". Likely cause: the plugin directories could not be read: fix what the errors"
                    + " logged for them say (").append(describe(unreadable))
                .append("). If they are read and do not declare it, their build did not run the annotation processor"
                        + " (plux-processor), or the namespace is misspelled where it is set: ")
                .append(WHERE_SET).append('.').toString();
        }
        if (!withoutBundles.isEmpty()) {
            // the manager was told where its plugins are, and nothing is there: the build is not the first suspect
            return message.append(". Likely cause: the plugins are not where this manager looks for them: ")
                .append(describe(withoutBundles))
                .append(" (a relative plugin directory is resolved against the working directory, ")
                .append(Escaping.escape(Path.of("").toAbsolutePath().toString()))
                .append("); put the plugin jars there, or start the application where the directory is, or fix"
                        + " the directory. If the plugins are there, or on the class path, their build did not run"
                        + " the annotation processor (plux-processor), or the namespace is misspelled where it is"
                        + " set: ")
                .append(WHERE_SET).append('.').toString();
        }
        if (!declared.isEmpty()) {
            // other modules' index files were read, so either the processor or a misspelling far from them
            return message.append(". Likely cause: either the plugins' build did not run the annotation processor"
                    + " (plux-processor), which writes META-INF/plux/entry_points.txt (add it to the annotation"
                    + " processor path of the module that holds the plugins), or the namespace is misspelled where"
                    + " it is set: ").append(WHERE_SET).append('.').toString();
        }
        if (knownCause != null) {
            return message.append(". Likely cause: ").append(knownCause).toString();
        }
        // no index file declares any namespace: nothing to be a typo of
        return message.append(". Likely cause: the plugins' build did not run the annotation processor"
                + " (plux-processor), which writes META-INF/plux/entry_points.txt; add it to the annotation processor"
                + " path of the module that holds the plugins.").toString();
    }

    /** The directories that gave no bundle, each with why, separated by semicolons. */
    private static String describe(List<PluginDirectories.NoBundle> directories) {
        List<String> descriptions = new ArrayList<>();
        for (PluginDirectories.NoBundle directory : directories) {
            descriptions.add(directory.toString());
        }
        return Escaping.escape(String.join("; ", descriptions));
    }

    /** Appends " found and skipped, see the error logged for it: " and the files, the first few of them. */
    private static void skipped(StringBuilder message, List<String> skipped) {
        message.append(" found and skipped, see the error logged for ").append((skipped.size() == 1) ? "it" : "each")
            .append(": ");
        for (int i = 0; i < Math.min(skipped.size(), LISTED); i++) {
            message.append((i > 0) ? ", " : "").append(Escaping.escape(skipped.get(i)));
        }
        if (skipped.size() > LISTED) {
            message.append(" and ").append(skipped.size() - LISTED).append(" more");
        }
    }
}
