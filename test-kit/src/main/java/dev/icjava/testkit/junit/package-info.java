/**
 * JUnit 5 support: {@link dev.icjava.testkit.junit.CanisterTest} installs a canister module in a
 * fresh local replica for each test and hands the test a {@link dev.icjava.testkit.TestCanister}.
 */
package dev.icjava.testkit.junit;
