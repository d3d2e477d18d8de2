package dev.plux.processor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor reads every file of plux-core's golden corpus of index files (format in its README) exactly as
 * the runtime does: one format, one meaning.
 */
@Timeout(30)
class EntryPointsFileCorpusTest {

    /** Relative to this module's base directory, where Maven runs the tests. */
    private static final Path CORPUS = Path.of("..", "plux-core", "src", "test", "resources", "index-corpus");

    @Test
    void theCorpusIsThere() throws IOException {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void readsTheFileAsTheRuntimeDoes(Path file) throws IOException {
        String name = file.getFileName().toString();
        Path expected = file.resolveSibling(name.substring(0, name.length() - ".txt".length()) + ".expected");
        assertThat(read(file)).as(name).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    private static String read(Path file) throws IOException {
        String text;
        try {
            text = EntryPointsFile.decode(Files.readAllBytes(file));
        }
        catch (IOException ex) {
            return "skipped\n";
        }
        StringBuilder result = new StringBuilder();
        for (EntryPointsFile.Line line : EntryPointsFile.lines(text)) {
            switch (line.kind()) {
                case OUTSIDE_SECTION -> result.append("ignored\t").append(line.number()).append("\toutside-section\n");
                case MALFORMED_HEADER ->
                    result.append("ignored\t").append(line.number()).append("\tmalformed-header\n");
                case BELOW_MALFORMED_HEADER -> {
                    // ignored without a report of its own, as the runtime does: the header's warning covers it
                }
                default -> result.append("entry\t").append(line.number()).append('\t')
                    .append(switch (line.kind()) {
                        case ENTRY -> "ok";
                        case MALFORMED -> "malformed";
                        case UNDECLARED -> "undeclared";
                        default -> "duplicate";
                    })
                    .append('\t').append(ascii(line.namespace())).append('\t').append(ascii(line.name()))
                    .append('\t').append(ascii(line.value())).append('\n');
            }
        }
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
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter((file) -> file.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
    }
}
