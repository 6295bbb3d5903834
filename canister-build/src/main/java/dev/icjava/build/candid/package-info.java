/**
 * Typed methods at build time: the Java-to-Candid mapping ({@code JavaCandidMapping}), the
 * interface read from a canister class ({@code CanisterInterface}), the generated glue ({@code
 * GlueSource}, {@code GlueCompiler}), and {@code .did} files ({@code DidFile}) checked against the
 * generated interface by Candid subtyping ({@code DidSubtyping}, {@code InterfaceCheck}).
 */
package dev.icjava.build.candid;
