/** The caller-auth module compiled into a canister, for {@code CallerAuthProbeTest}. */
package dev.icjava.callerauth.probe;
