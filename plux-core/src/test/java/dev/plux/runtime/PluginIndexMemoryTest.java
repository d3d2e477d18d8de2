package dev.plux.runtime;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.plux.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An index holds every namespace of every file for the life of its class loader, most of which nobody asks for:
 * what it keeps must stay close to the size of the lines themselves.
 */
@Timeout(120)
class PluginIndexMemoryTest {

    @TempDir
    Path directory;

    @Test
    void anIndexKeepsAboutTheSizeOfItsEntryLines() throws IOException {
        Path file = this.directory.resolve("entry_points.txt");
        long lines = 0;
        long written = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[unused.namespace]\n");
            while (written < 15L * 1024 * 1024) {
                String line = "plugin" + lines + " = com.example.generated.SomePluginClass" + lines + "\n";
                out.write(line);
                written += line.length();
                lines++;
            }
        }
        long fileSize = Files.size(file);
        URL url = TestFiles.url(file);
        long before = usedAfterGc();
        PluginIndex index = PluginIndex.read(List.of(url));
        long retained = usedAfterGc() - before;
        assertThat(index.fileCount("unused.namespace")).isEqualTo(1);
        System.out.printf("index of %d lines, %d bytes: %d bytes retained (%.2f x the file)%n", lines, fileSize,
                retained, (double) retained / fileSize);
        // parsed records (entry point, name, value, URL per line) kept about 6x the file size
        assertThat(retained).isLessThan(fileSize * 3 / 2);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
