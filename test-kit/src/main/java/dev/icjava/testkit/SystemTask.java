package dev.icjava.testkit;

/**
 * A system task the replica ran ({@link LocalReplica#tick()}): which canister, which task ({@link
 * MessageKind#HEARTBEAT}, {@link MessageKind#GLOBAL_TIMER} or {@link
 * MessageKind#ON_LOW_WASM_MEMORY}), and how it ended (a {@link CallResult.Reply} without bytes when
 * it completed; a {@link CallResult.Trap}, its changes rolled back, otherwise).
 */
public record SystemTask(Canister canister, MessageKind kind, CallResult result) {}
