/**
 * The local replica for tests: {@link dev.icjava.testkit.LocalReplica} runs canister modules on
 * Chicory as the IC would (install, upgrade, query and update calls, call contexts and inter-canister
 * calls, system tasks, the management canister's {@code raw_rand}, the IC's instruction counter), and
 * {@link dev.icjava.testkit.Canister} is one installed canister. Independent reference tools (npm,
 * Motoko) are in {@code dev.icjava.testkit.reference}.
 */
package dev.icjava.testkit;
