@NullMarked
package dev.plux.spring.boot.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
