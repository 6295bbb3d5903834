/** The README's inter-canister call example, built and run by {@code ReadmeExampleTest}. */
package dev.icjava.calls.example;
