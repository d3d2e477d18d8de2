/** Architecture rules of plux-core. */
@NullMarked
package dev.plux.architecture;

import org.jspecify.annotations.NullMarked;
