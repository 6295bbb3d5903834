/** The fuzz targets compiled into a canister, for {@code CorpusProbeTest}. */
package dev.icjava.fuzz.probe;
