package dev.plux;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the warnings a test provokes on purpose off the console: captures the named loggers around each test
 * ({@code @RegisterExtension final QuietLogs quiet = new QuietLogs(PluginManager.class)}). A test asserting on a
 * warning opens its own {@link LogCapture} as well.
 */
public final class QuietLogs implements BeforeEachCallback, AfterEachCallback {

    private final List<Class<?>> types;

    private final List<LogCapture> captures = new ArrayList<>();

    /**
     * Quiets the loggers named after these types.
     *
     * @param types the classes whose loggers to quiet
     */
    public QuietLogs(Class<?>... types) {
        this.types = List.of(types);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        this.types.forEach((type) -> this.captures.add(LogCapture.of(type)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        this.captures.forEach(LogCapture::close);
        this.captures.clear();
    }
}
