package dev.icjava.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.icjava.attributes.AttributeException;
import dev.icjava.callerauth.PrincipalFormatException;

/** Principal text and bytes, and the list of trusted signers read from an environment variable. */
class PrincipalTextFuzzTest {
  @FuzzTest
  void principalText(byte[] input) {
    try {
      Targets.principalText(input);
    } catch (PrincipalFormatException e) {
      Outcomes.requireMessage(e);
    }
  }

  @FuzzTest
  void signerList(byte[] input) {
    try {
      Targets.signerList(input);
    } catch (AttributeException e) {
      Outcomes.requireMessage(e);
    }
  }
}
