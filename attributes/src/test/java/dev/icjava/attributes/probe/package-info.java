/** The attributes module compiled into a canister, for {@code AttributesProbeTest}. */
package dev.icjava.attributes.probe;
