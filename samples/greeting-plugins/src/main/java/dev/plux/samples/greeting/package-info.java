/**
 * Sample plugins: greetings in namespace {@code plux.samples.greetings} and startup tasks in
 * {@code plux.samples.startup}.
 */
@NullMarked
package dev.plux.samples.greeting;

import org.jspecify.annotations.NullMarked;
