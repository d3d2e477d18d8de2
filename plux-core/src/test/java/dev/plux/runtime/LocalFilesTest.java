package dev.plux.runtime;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;

import dev.plux.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class LocalFilesTest {

    @TempDir
    Path directory;

    @Test
    void theJarOfAJarFileUrlNamingTheEntryIsTheLocalJar() throws MalformedURLException {
        // '#' and '%' are escaped in the URL too; "ä" only where the platform can name such a file
        Path jar = this.directory.resolve(TestFiles.fileName("with space #1 100% ä.jar", "with space #1 100%.jar"));
        URL url = new URL("jar:" + TestFiles.url(jar) + "!/" + TestFiles.INDEX);
        assertThat(LocalFiles.jarOf(url, TestFiles.INDEX)).isEqualTo(jar);
    }

    @Test
    void anotherEntryANestedJarOrAnotherProtocolHasNoLocalJar() throws MalformedURLException {
        String jar = TestFiles.url(this.directory.resolve("app.jar")).toExternalForm();
        assertThat(LocalFiles.jarOf(new URL("jar:" + jar + "!/META-INF/other.txt"), TestFiles.INDEX)).isNull();
        // a jar inside a jar (as a fat jar's nested URLs may look): only its protocol handler can open it
        assertThat(LocalFiles.jarOf(new URL("jar:" + jar + "!/BOOT-INF/lib/p.jar!/" + TestFiles.INDEX),
                TestFiles.INDEX)).isNull();
        assertThat(LocalFiles.jarOf(new URL("jar:http://example.com/p.jar!/" + TestFiles.INDEX), TestFiles.INDEX))
            .isNull();
        assertThat(LocalFiles.jarOf(TestFiles.url(this.directory.resolve(TestFiles.INDEX)), TestFiles.INDEX)).isNull();
    }

    @Test
    void theFileOfAFileUrlIsTheLocalFileUnlessItHasAQueryOrFragmentOrDoesNotParse() throws MalformedURLException {
        Path file = this.directory.resolve("entry_points.txt");
        assertThat(LocalFiles.fileOf(TestFiles.url(file))).isEqualTo(file);
        assertThat(LocalFiles.fileOf(new URL(TestFiles.url(file) + "?v=1"))).isNull();
        assertThat(LocalFiles.fileOf(new URL(TestFiles.url(file) + "#top"))).isNull();
        // an unencoded space is no URI: such a URL is read through its connection
        assertThat(LocalFiles.fileOf(new URL("file:/tmp/a b/entry_points.txt"))).isNull();
        assertThat(LocalFiles.fileOf(new URL("http://example.com/entry_points.txt"))).isNull();
    }
}
