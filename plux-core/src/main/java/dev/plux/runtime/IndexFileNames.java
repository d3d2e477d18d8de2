package dev.plux.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

import org.jspecify.annotations.Nullable;

/**
 * How messages name an index file: by its URL, with a local file's path decoded, so that the name is one a user can
 * search for.
 */
final class IndexFileNames {

    private IndexFileNames() {
    }

    /**
     * Whether a URL names a local file by a percent-encoded path: {@code file:}, {@code jar:file:}, and Spring Boot's
     * {@code jar:nested:/opt/app.jar/!BOOT-INF/lib/x.jar!/…} (a Spring Boot application's class path), whose path is
     * encoded as a {@code file:} URL's.
     */
    private static boolean isLocal(String url) {
        return url.startsWith("file:") || url.startsWith("jar:file:") || url.startsWith("jar:nested:")
                || url.startsWith("nested:");
    }

    /**
     * How messages name an index file: its URL, with a local file's path ({@code file:}, {@code jar:file:} and
     * Spring Boot's {@code jar:nested:}) as the file system spells it. Percent-encoded
     * ({@code pl%C3%BCgins/a%20b.jar}), a plugin directory named with a space, {@code #}, {@code %} or non-ASCII
     * letters matched nothing a user searches for; decoded, its control and format characters are escaped as in
     * every message.
     *
     * @param source the index file, or {@code null} for a plugin made in code
     * @return its description
     */
    static String describe(@Nullable URL source) {
        if (source == null) {
            return "<code>";
        }
        String text = source.toExternalForm();
        if (text.indexOf('%') < 0 || !isLocal(text)) {
            return text;
        }
        try {
            URI uri = new URI(text);
            if (uri.getRawFragment() != null) {
                // a '#' the URL left unencoded: which part is the path is not certain
                return text;
            }
            String decoded = uri.getScheme() + ":" + uri.getSchemeSpecificPart();
            if (decoded.indexOf('\uFFFD') >= 0 && text.indexOf('\uFFFD') < 0) {
                // escapes that are no UTF-8 (a Latin-1 file name) decode to U+FFFD, which names no file
                return text;
            }
            return Escaping.escape(decoded);
        }
        catch (URISyntaxException ex) {
            return text;
        }
    }
}
