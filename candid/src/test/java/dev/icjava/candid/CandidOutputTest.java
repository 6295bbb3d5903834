package dev.icjava.candid;

import static dev.icjava.candid.CandidType.field;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * {@link CandidOutput}, what the typed methods' glue writes replies with, gives the bytes {@link
 * CandidWriter} gives for the same values (the writer is itself compared with independent encoders
 * in {@link CandidWriterReferenceTest}), and refuses what the writer refuses.
 */
class CandidOutputTest {
  @Test
  void shouldWriteTextAsTheWriterDoes() {
    for (String s : new String[] {"", "anonymous", "héllo wörld", "\uD83D\uDE00 emoji", "lone \uD800 surrogate",
        "x".repeat(200)}) {
      CandidOutput.begin(CandidOutput.TEXT);
      CandidOutput.text(s);
      assertArrayEquals(new CandidWriter(CandidType.text()).text(s).toMessage(), CandidOutput.message(), s);
      assertArrayEquals(CandidReply.textMessage(s), CandidOutput.message(), s);
    }
  }

  @Test
  void shouldWriteTheHeadersTheWriterComputes() {
    assertArrayEquals(CandidOutput.header(CandidType.text()), CandidOutput.TEXT);
    assertArrayEquals(CandidOutput.header(CandidType.blob()), CandidOutput.BLOB);
  }

  @Test
  void shouldWriteBlobAsTheWriterDoes() {
    byte[] data = new byte[300];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    CandidOutput.begin(CandidOutput.BLOB);
    CandidOutput.blob(data);
    assertArrayEquals(new CandidWriter(CandidType.blob()).blob(data).toMessage(), CandidOutput.message());
  }

  @Test
  void shouldWriteAnOptionalRecordOfOptionalTextsAsTheWriterDoes() {
    CandidType profile = CandidType.opt(CandidType.record(field("name", CandidType.opt(CandidType.text())),
        field("email", CandidType.opt(CandidType.text())), field("sso", CandidType.opt(CandidType.text()))));
    // fields in id order (by hash), as the generated encoders write them
    String[] order = new String[3];
    for (String name : new String[] {"name", "email", "sso"}) {
      order[profile.inner.fieldIndex(name)] = name;
    }
    CandidOutput.begin(CandidOutput.header(profile));
    CandidOutput.put(1);
    CandidWriter w = new CandidWriter(profile);
    w.some().record();
    for (String name : order) {
      if (name.equals("sso")) {
        w.none();
        CandidOutput.put(0);
      } else {
        String value = name.equals("name") ? "Alice" : "alice@example.com";
        w.some().text(value);
        CandidOutput.put(1);
        CandidOutput.text(value);
      }
    }
    assertEquals(HexFormat.of().formatHex(w.toMessage()), HexFormat.of().formatHex(CandidOutput.message()));
  }

  @Test
  void shouldWriteVariantsAndNumbersAsTheWriterDoes() {
    CandidType result = CandidType.variant(field("ok", CandidType.nullType()),
        field("err", CandidType.record(field("ageNs", CandidType.nat()), field("delta", CandidType.integer()),
            field("small", CandidType.int16()), field("ratio", CandidType.float64()))));
    CandidType err = result.fieldTypes[result.fieldIndex("err")];
    CandidWriter w = new CandidWriter(result).variant(result.fieldIndex("err")).record();
    CandidOutput.begin(CandidOutput.header(result));
    CandidOutput.leb(result.fieldIndex("err"));
    String[] order = new String[4];
    for (String name : new String[] {"ageNs", "delta", "small", "ratio"}) {
      order[err.fieldIndex(name)] = name;
    }
    for (String name : order) {
      switch (name) {
        case "ageNs" -> {
          w.nat(300_000_000_001L);
          CandidOutput.nat(300_000_000_001L);
        }
        case "delta" -> {
          w.integer(-129);
          CandidOutput.integer(-129);
        }
        case "small" -> {
          w.fixed(-2);
          CandidOutput.fixed(-2, 2);
        }
        default -> {
          w.float64(0.5);
          CandidOutput.float64(0.5);
        }
      }
    }
    assertEquals(HexFormat.of().formatHex(w.toMessage()), HexFormat.of().formatHex(CandidOutput.message()));
  }

  @Test
  void shouldRefuseWhatTheWriterRefuses() {
    CandidOutput.begin(CandidOutput.TEXT);
    assertThrows(IllegalArgumentException.class, () -> CandidOutput.nat(-1));
    assertThrows(IllegalArgumentException.class, () -> CandidOutput.principal(new byte[30]));
    assertThrows(IllegalArgumentException.class, () -> CandidOutput.nat(CandidInteger.of(-1, new byte[] {1})));
  }
}
