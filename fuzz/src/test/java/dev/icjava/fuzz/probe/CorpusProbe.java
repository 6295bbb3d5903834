package dev.icjava.fuzz.probe;

import dev.icjava.fuzz.Targets;
import dev.icjava.candid.CandidReply;
import dev.icjava.runtime.StableMemory;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Update;

/**
 * The fuzz targets compiled into a canister: the argument's raw bytes (not Candid) go to the same
 * {@link Targets} method the Jazzer test calls; the reply is its description as Candid text, and a
 * refusal escapes the entry point as a trap with the library's message.
 */
public final class CorpusProbe {
  private CorpusProbe() {}

  @Update("principalText")
  public static void principalText() {
    CandidReply.text(Targets.principalText(SystemApi.msgArgData()));
  }

  @Update("signerList")
  public static void signerList() {
    CandidReply.text(Targets.signerList(SystemApi.msgArgData()));
  }

  @Update("candidMessage")
  public static void candidMessage() {
    CandidReply.text(Targets.candidMessage(SystemApi.msgArgData()));
  }

  @Update("bundle")
  public static void bundle() {
    CandidReply.text(Targets.bundle(SystemApi.msgArgData()));
  }

  @Update("attributes")
  public static void attributes() {
    CandidReply.text(Targets.attributes(SystemApi.msgArgData()));
  }

  /** Writes the argument to the canister's (empty) stable memory, then opens the store over it. */
  @Update("stableMemory")
  public static void stableMemory() {
    byte[] image = SystemApi.msgArgData();
    StableMemory memory = StableMemory.system();
    long pages = (image.length + StableMemory.PAGE_BYTES - 1) / StableMemory.PAGE_BYTES;
    if (memory.size() < pages) {
      memory.grow(pages - memory.size());
    }
    memory.write(0, image, 0, image.length);
    CandidReply.text(Targets.nonceStore(memory));
  }
}
