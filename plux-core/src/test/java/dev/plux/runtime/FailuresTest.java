package dev.plux.runtime;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import dev.plux.core.PluginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@Timeout(10)
class FailuresTest {

    private final IllegalStateException root = new IllegalStateException("the real problem");

    @Test
    void unwrapsReflectionAndInitializerWrappers() {
        Throwable wrapped = new UndeclaredThrowableException(
                new InvocationTargetException(new ExceptionInInitializerError(this.root)));
        assertThat(Failures.rootCause(wrapped)).isSameAs(this.root);
        assertThat(Failures.describe(wrapped)).isEqualTo("java.lang.IllegalStateException: the real problem");
    }

    @Test
    void unwrapsWrappersThatAddNothingButKeepsThoseWithTheirOwnMessage() {
        assertThat(Failures.rootCause(new RuntimeException(this.root))).isSameAs(this.root);
        assertThat(Failures.rootCause(new ExecutionException(null, this.root))).isSameAs(this.root);
        RuntimeException explained = new RuntimeException("while reading the config", this.root);
        assertThat(Failures.rootCause(explained)).isSameAs(explained);
    }

    @Test
    void keepsAPluginExceptionAndDescribesItByItsMessage() {
        PluginException failure = new PluginException("plugin ns:a failed to load: boom", "ns", "a", this.root);
        assertThat(Failures.rootCause(new RuntimeException(failure))).isSameAs(failure);
        assertThat(Failures.describe(failure)).isEqualTo("plugin ns:a failed to load: boom");
    }

    @Test
    void describesAFailureWithoutMessageByItsType() {
        assertThat(Failures.describe(new IOException())).isEqualTo("java.io.IOException");
    }

    @Test
    void endsOnALoopingOrVeryLongCauseChain() {
        RuntimeException first = new RuntimeException();
        RuntimeException second = new RuntimeException(first);
        first.initCause(second);
        assertThat(Failures.rootCause(first)).isIn(first, second);
        Throwable deep = this.root;
        for (int i = 0; i < 1_000; i++) {
            deep = new RuntimeException(deep);
        }
        assertThat(Failures.rootCause(deep)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void escapesControlCharactersInDescriptions() {
        assertThat(Failures.describe(new IllegalStateException("line\nforged"))).doesNotContain("\n")
            .contains("\\u000a");
        assertThat(Failures.plugin("ns", "a\u001bb")).isEqualTo("ns:a\\u001bb");
    }

    @Test
    void rethrowsOnlyVirtualMachineErrors() {
        assertThatExceptionOfType(StackOverflowError.class)
            .isThrownBy(() -> Failures.rethrowIfFatal(new StackOverflowError()));
        Failures.rethrowIfFatal(new ExceptionInInitializerError(this.root));
        Failures.rethrowIfFatal(new AssertionError("fine"));
    }

    @Test
    void anInterruptionIsThisThreadsInterruptedExceptionAlsoWrappedButNotAFuturesOrAnotherPlugins() {
        InterruptedException interrupted = new InterruptedException("sleep interrupted");
        assertThat(Failures.isInterruption(interrupted)).isTrue();
        assertThat(Failures.isInterruption(new RuntimeException(interrupted))).isTrue();
        assertThat(Failures.isInterruption(new InvocationTargetException(interrupted))).isTrue();
        // another thread's task was interrupted; Future.get / join report it, the caller was not interrupted
        assertThat(Failures.isInterruption(new ExecutionException(interrupted))).isFalse();
        assertThat(Failures.isInterruption(new RuntimeException(new CompletionException(interrupted)))).isFalse();
        // another plugin's recorded failure: its interrupt was kept where it happened
        assertThat(Failures.isInterruption(new PluginException("plugin ns:b failed", "ns", "b", interrupted)))
            .isFalse();
        assertThat(Failures.isInterruption(this.root)).isFalse();
    }
}
