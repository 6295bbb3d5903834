/**
 * The whoami contract written two more ways for the benchmark to measure beside the samples' typed
 * whoami: {@link dev.icjava.bench.HandTunedWhoAmI}, hand-tuned for the fewest instructions, and
 * {@link dev.icjava.bench.PlainWhoAmI}, plain Java without typed methods. Not for users to copy.
 */
package dev.icjava.bench;
