package dev.plux.benchmarks;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The paired measurements compare like with like: the same plugins listed, the same plugin loaded. */
@Timeout(120)
class ColdOperationsTest {

    @Test
    void pluxAndServiceLoaderListTheSameCountAndLoadTheSamePlugin(@TempDir Path directory) throws Exception {
        PluginJars jars = PluginJars.generate(directory, 40, 4, 1);
        List<ColdOperations.Named> operations = ColdOperations.of(40, 4);
        assertThat(operations).hasSize(5);
        assertThat(size(run(jars, operations.get(ColdOperations.PLUX_LIST)))).isEqualTo(40);
        assertThat(size(run(jars, operations.get(ColdOperations.SERVICE_LOADER_LIST)))).isEqualTo(40);
        // both reach plugin N/2 + M/2 = 22 in jar 22 % 4: plux returns the loaded plugin, ServiceLoader's
        // operation the value of its load(), which is the plugin's number
        assertThat(run(jars, operations.get(ColdOperations.PLUX_LOAD_ONE)).getClass().getName())
            .isEqualTo("bench.p2.Plugin22");
        assertThat(run(jars, operations.get(ColdOperations.SERVICE_LOADER_LOAD_ONE))).isEqualTo(22);
        // the floor read every index file: some bytes from each of the 4 jars
        assertThat((Integer) run(jars, operations.get(ColdOperations.FLOOR))).isGreaterThan(4 * 10);
        assertThat(ColdOperations.time(jars, operations.get(ColdOperations.PLUX_LIST))).isPositive();
    }

    private static Object run(PluginJars jars, ColdOperations.Named operation) throws Exception {
        try (URLClassLoader loader = jars.newClassLoader()) {
            return operation.work().run(loader);
        }
    }

    private static int size(Object result) {
        return ((Collection<?>) result).size();
    }
}
