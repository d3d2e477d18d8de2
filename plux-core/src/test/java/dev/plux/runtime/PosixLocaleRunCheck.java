package dev.plux.runtime;

import java.nio.charset.Charset;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Run only by the {@code posix-locale} execution of the build (plux-core's pom, which starts the test JVM with
 * {@code LANG=C LC_ALL=C}; its name matches none of the default test patterns): checks that the locale took, so that
 * the file-name tests run with it really ran where the JVM cannot name a non-ASCII file.
 */
@Timeout(10)
class PosixLocaleRunCheck {

    @Test
    void theJvmNamesFilesInAsciiUnderThePosixLocale() {
        // only Linux derives the file name encoding from LANG/LC_ALL (macOS always uses UTF-8, Windows its code page)
        assumeThat(System.getProperty("os.name").toLowerCase(Locale.ROOT)).contains("linux");
        assertThat(System.getenv("LC_ALL")).isEqualTo("C");
        assertThat(Charset.forName(System.getProperty("sun.jnu.encoding"))).isEqualTo(Charset.forName("US-ASCII"));
    }
}
