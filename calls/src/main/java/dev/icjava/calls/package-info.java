/**
 * Inter-canister calls: {@link dev.icjava.calls.Call} assembles and performs one, {@link
 * dev.icjava.calls.CallFuture} handles its response with lambdas, {@link
 * dev.icjava.calls.ManagementCanister} is the IC's own API as typed calls ({@code raw_rand} first).
 * Built on {@code dev.icjava.runtime.internal.Callbacks}, the callback entry points the canister build puts in
 * the module's table.
 */
package dev.icjava.calls;
