/** The inter-canister call example of {@code docs/calls.md}, built and run by {@code ReadmeExampleTest}. */
package dev.icjava.calls.example;
