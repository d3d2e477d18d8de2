@NullMarked
package dev.plux.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
