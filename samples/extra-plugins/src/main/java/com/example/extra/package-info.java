/**
 * A greeting plugin delivered as a jar in the sample application's {@code plugins/} directory, not on its class
 * path. Its package is not under {@code dev.plux}, as a third party's would not be.
 */
@NullMarked
package com.example.extra;

import org.jspecify.annotations.NullMarked;
