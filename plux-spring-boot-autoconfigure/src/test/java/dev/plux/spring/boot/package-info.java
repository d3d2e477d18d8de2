@NullMarked
package dev.plux.spring.boot;

import org.jspecify.annotations.NullMarked;
