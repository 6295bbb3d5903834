/**
 * The canister build, a tool never linked into a canister: {@link dev.icjava.build.CanisterBuild}
 * turns a canister class into a module the IC installs (TeaVM, the plugin in {@code .teavm}, the
 * glue and interface in {@code .candid}, the module rewriting and validation in {@code .wasm},
 * binaryen's {@code wasm-opt}); {@link dev.icjava.build.ValidateMain} validates any module from the
 * command line.
 */
package dev.icjava.build;
