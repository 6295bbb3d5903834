/**
 * Not for canister code: the runtime's internals, public only because the canister build, the
 * {@code calls} module and the library modules in other packages use them. They change without
 * notice, and several can corrupt memory when misused.
 *
 * <ul>
 *   <li>{@link dev.icjava.runtime.internal.EntryPoints}, {@link
 *       dev.icjava.runtime.internal.CanisterStart}: the bridge the build puts around every exported
 *       entry point, and the entry class TeaVM requires.
 *   <li>{@link dev.icjava.runtime.internal.Callbacks}, {@link
 *       dev.icjava.runtime.internal.CallbackEntryPoints}, {@link
 *       dev.icjava.runtime.internal.Continuation}: the callback table and continuations under the
 *       {@code calls} module.
 *   <li>{@link dev.icjava.runtime.internal.RawArrays}: array access without bounds checks (an index
 *       out of range reads or writes neighbouring memory in a canister).
 *   <li>{@link dev.icjava.runtime.internal.StringInternals}, {@link
 *       dev.icjava.runtime.internal.Utf8}, {@link dev.icjava.runtime.internal.MessageBuilder}: string
 *       internals the build rewrites, and UTF-8 and message building for the libraries' replies and
 *       traps.
 * </ul>
 *
 * <p>The build refers to several of these classes by name (its TeaVM transformers and intrinsics);
 * moving or renaming one means changing those names in {@code canister-build} too.
 */
package dev.icjava.runtime.internal;
