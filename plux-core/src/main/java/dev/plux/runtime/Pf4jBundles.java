package dev.plux.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The plugin-directory bundles built for PF4J (its {@code META-INF/extensions.idx}, no plux index), as the warning
 * about an empty namespace names them: a PF4J user's plugin jars dropped into a plugin directory declare nothing,
 * because plux reads only its own index, not because a processor did not run or a name is misspelled.
 */
final class Pf4jBundles {

    private Pf4jBundles() {
    }

    /**
     * The paths of the bundles that carry PF4J's extension index and no plux index (a PF4J plugin jar dropped into a
     * plugin directory), escaped, in the bundles' order. Read only on the empty-namespace warning's path.
     */
    static List<String> of(List<Bundle> bundles) {
        List<String> pf4j = new ArrayList<>();
        for (Bundle bundle : bundles) {
            // no plux index file at all, not only no namespace: a bundle whose plux index was refused (an error
            // names it) or declares nothing is plux-built, and its fix is that file, not a rebuild for plux
            BundleClassLoader own = bundle.classLoader();
            if (own.findResource(IndexFile.LOCATION) == null && own.findResource(Bundle.PF4J_INDEX) != null) {
                pf4j.add(Escaping.escape(bundle.path().toString()));
            }
        }
        return pf4j;
    }

    /**
     * {@code "1 of the 2 plugin-directory bundles is built for PF4J ..."} (or {@code "the only ..."},
     * {@code "both ..."}, {@code "all 3 ..."} when every bundle is), naming the bundles built for PF4J: their plugins
     * are missing because plux reads only its own index, not because a processor did not run or a name is
     * misspelled.
     */
    static String sentence(List<String> pf4j, int bundles) {
        String why = " built for PF4J (PF4J's " + Bundle.PF4J_INDEX + ", no META-INF/plux/entry_points.txt)";
        String which;
        if (bundles == 1) {
            // the commonest move from PF4J, one plugin jar: "1 of the 1 plugin-directory bundle" would read as a slip
            which = "the only plugin-directory bundle, " + pf4j.get(0) + ", is" + why;
        }
        else if (pf4j.size() == bundles) {
            which = ((pf4j.size() == 2) ? "both plugin-directory bundles" : "all " + pf4j.size()
                    + " plugin-directory bundles") + " are" + why + ": " + String.join(", ", pf4j);
        }
        else {
            which = pf4j.size() + " of the " + Counts.of(bundles, "plugin-directory bundle")
                    + ((pf4j.size() == 1) ? " is" : " are") + why + ": " + String.join(", ", pf4j);
        }
        return which + "; plux reads only its own index: build those plugins with plux's annotations and"
                + " plux-processor (README, 'Coming from PF4J').";
    }

    /** The sentence standing on its own, after another cause: with a capital first letter. */
    static String capitalized(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
