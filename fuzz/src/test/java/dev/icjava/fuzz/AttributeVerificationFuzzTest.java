package dev.icjava.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.icjava.attributes.AttributeException;

/** The whole verification of a bundle, from any signer, for any caller, at skewed clocks. */
class AttributeVerificationFuzzTest {
  @FuzzTest
  void attributes(byte[] input) {
    try {
      Targets.attributes(input);
    } catch (AttributeException e) {
      Outcomes.requireMessage(e);
    }
  }
}
