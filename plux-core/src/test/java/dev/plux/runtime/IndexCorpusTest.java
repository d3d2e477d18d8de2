package dev.plux.runtime;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import dev.plux.LogCapture;
import dev.plux.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime reads every file of the golden corpus ({@code src/test/resources/index-corpus}, format in its
 * README) as its expected file says; the processor's reader passes the same corpus.
 */
@Timeout(30)
class IndexCorpusTest {

    @Test
    void theCorpusCoversTheFormat() throws IOException {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(20)
            .allSatisfy((file) -> assertThat(expectedOf(file)).exists());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void readsTheFileAsExpected(Path file) throws IOException {
        assertThat(read(file)).as(file.getFileName().toString())
            .isEqualTo(Files.readString(expectedOf(file), StandardCharsets.UTF_8));
    }

    private static String read(Path file) {
        URL url = TestFiles.url(file);
        String text;
        try {
            text = IndexFile.text(url);
        }
        catch (IOException ex) {
            return "skipped\n";
        }
        Set<Integer> indexed = new HashSet<>();
        try (LogCapture log = LogCapture.of(PluginIndex.class)) {
            PluginIndex index = PluginIndex.read(List.of(url));
            index.namespaces().forEach((namespace) -> index.entries(namespace)
                .forEach((entry) -> indexed.add(entry.line())));
        }
        StringBuilder result = new StringBuilder();
        IndexFile.parse(text, new IndexFile.Sink() {

            @Override
            public void entry(String namespace, int line, String lineText) {
                IndexEntry entry = IndexFile.entry(namespace, lineText, url, line);
                String status = !indexed.contains(line) ? "duplicate"
                        : !entry.declared() ? "undeclared" : (entry.malformed() != null) ? "malformed" : "ok";
                result.append("entry\t").append(line).append('\t').append(status).append('\t')
                    .append(ascii(namespace)).append('\t').append(ascii(entry.entryPoint().name())).append('\t')
                    .append(ascii(entry.entryPoint().value())).append('\n');
            }

            @Override
            public void ignored(int line, IndexFile.Ignored reason, String lineText) {
                result.append("ignored\t").append(line).append('\t')
                    .append(reason.name().toLowerCase(Locale.ROOT).replace('_', '-')).append('\n');
            }
        });
        return result.toString();
    }

    /** The corpus' escaping: anything but printable ASCII, and the backslash, as {@code \\uXXXX}. */
    private static String ascii(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c >= ' ' && c <= '~' && c != '\\') {
                escaped.append(c);
            }
            else {
                escaped.append(String.format("\\u%04x", (int) c));
            }
        }
        return escaped.toString();
    }

    static List<Path> corpus() throws IOException {
        Path directory;
        try {
            directory = Path.of(IndexCorpusTest.class.getResource("/index-corpus/README.md").toURI()).getParent();
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter((file) -> file.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
    }

    private static Path expectedOf(Path file) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - ".txt".length()) + ".expected");
    }
}
