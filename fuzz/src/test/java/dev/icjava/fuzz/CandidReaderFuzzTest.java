package dev.icjava.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.icjava.candid.CandidException;

/**
 * The Candid reader on arbitrary messages (seeds: the official suite's blobs and messages of every
 * constructor), and on mutations of valid attribute bundles decoded as ICRC-3 {@code Value}.
 */
class CandidReaderFuzzTest {
  @FuzzTest
  void candidMessage(byte[] input) {
    Targets.candidMessage(input); // refusals are part of its description, checked inside
  }

  @FuzzTest
  void bundle(byte[] input) {
    try {
      Targets.bundle(input);
    } catch (CandidException e) {
      Outcomes.requireMessage(e);
    }
  }
}
