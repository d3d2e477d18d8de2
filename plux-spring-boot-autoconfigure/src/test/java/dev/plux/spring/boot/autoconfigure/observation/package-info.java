@NullMarked
package dev.plux.spring.boot.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
