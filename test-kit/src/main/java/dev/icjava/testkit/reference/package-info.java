/**
 * Independent references for tests, outside the JVM: {@link dev.icjava.testkit.reference.NodeReference}
 * runs DFINITY's npm libraries ({@code @dfinity/candid}, {@code @dfinity/principal}) in Node to encode
 * and decode what the Java code under test reads and writes; {@link
 * dev.icjava.testkit.reference.MotokoBuild} compiles Motoko peers with npm {@code motoko}; {@link
 * dev.icjava.testkit.reference.Icrc3Json}, {@link dev.icjava.testkit.reference.CandidModel} and
 * {@link dev.icjava.testkit.reference.CandidNotation} write the values those tools take. They need
 * {@code tools/node} installed ({@code npm ci}, which the build runs).
 */
package dev.icjava.testkit.reference;
