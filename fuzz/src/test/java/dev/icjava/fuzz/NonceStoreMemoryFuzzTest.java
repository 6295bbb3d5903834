package dev.icjava.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.icjava.noncestore.NonceStoreException;
import dev.icjava.runtime.VectorStableMemory;

/** The nonce store opened over stable memory another build (or an attacker's bug) left behind. */
class NonceStoreMemoryFuzzTest {
  @FuzzTest
  void stableMemory(byte[] input) {
    try {
      Targets.nonceStore(VectorStableMemory.of(input, 4));
    } catch (NonceStoreException e) {
      Outcomes.requireMessage(e);
    }
  }
}
