package dev.icjava.testkit;

/**
 * The System API's call contexts, as far as the local replica distinguishes them. The letters are the
 * spec's: which {@code ic0} entries a message may call depends on its kind.
 */
enum MessageKind {
  /** The module's start function ({@code s}). */
  START("the start function"),
  /** {@code canister_init} ({@code I}). */
  INIT("canister_init"),
  /** {@code canister_pre_upgrade} ({@code G}). */
  PRE_UPGRADE("canister_pre_upgrade"),
  /** {@code canister_post_upgrade} ({@code I}). */
  POST_UPGRADE("canister_post_upgrade"),
  /** An update method ({@code U}). */
  UPDATE("an update method"),
  /** A query method, non-replicated ({@code NRQ}). */
  QUERY("a query method");

  final String description;

  MessageKind(String description) {
    this.description = description;
  }

  boolean isMethod() {
    return this == UPDATE || this == QUERY;
  }

  boolean canReadArg() {
    return this == INIT || this == POST_UPGRADE || isMethod();
  }
}
