/** {@code canister:build}: a thin Mojo over {@code canister-build}'s {@code CanisterBuild}. */
package dev.icjava.maven;
