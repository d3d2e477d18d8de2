@NullMarked
package dev.plux.spring.boot.diagnostics;

import org.jspecify.annotations.NullMarked;
