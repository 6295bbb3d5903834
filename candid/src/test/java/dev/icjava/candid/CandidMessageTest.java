package dev.icjava.candid;

import static dev.icjava.candid.CandidType.field;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.icjava.testkit.reference.CandidNotation;
import org.junit.jupiter.api.Test;

/**
 * The reader on hand-written messages, most taken from the Candid specification's test suite
 * ({@code test/prim.test.did}, {@code construct.test.did}, {@code spacebomb.test.did}).
 */
class CandidMessageTest {
  static CandidValue[] decode(String message, CandidType... types) {
    return CandidMessage.parse(CandidNotation.bytes(message)).decode(types);
  }

  static CandidException refuse(CandidException.Kind kind, String message, CandidType... types) {
    CandidException e = assertThrows(CandidException.class, () -> decode(message, types));
    assertEquals(kind, e.kind(), e.getMessage());
    return e;
  }

  @Test
  void shouldCheckMagicAndTrailingBytes() {
    assertEquals("Candid: no DIDL magic at byte 0", refuse(CandidException.Kind.MALFORMED, "\\00\\00").getMessage());
    refuse(CandidException.Kind.MALFORMED, "DADL\\00\\00");
    decode("DIDL\\80\\00\\00");
    decode("DIDL\\00\\80\\00");
    CandidException e = refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\00\\00");
    assertEquals("Candid: 1 bytes after the last value at byte 6", e.getMessage());
    assertEquals(6, e.offset());
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\7f\\00", CandidType.nullType());
  }

  @Test
  void shouldReadNumbersWithOverlongLeb128AndRefuseShortOnes() {
    assertEquals("128", decode("DIDL\\00\\01\\7d\\80\\01", CandidType.nat())[0].integer().toString());
    assertEquals("0", decode("DIDL\\00\\01\\7d\\80\\00", CandidType.nat())[0].integer().toString());
    assertEquals("127", decode("DIDL\\00\\01\\7d\\ff\\00", CandidType.nat())[0].integer().toString());
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\7d\\80", CandidType.nat());
    assertEquals("-1", decode("DIDL\\00\\01\\7c\\ff\\7f", CandidType.integer())[0].integer().toString());
    assertEquals("127", decode("DIDL\\00\\01\\7c\\ff\\00", CandidType.integer())[0].integer().toString());
    assertEquals("-128", decode("DIDL\\00\\01\\7c\\80\\7f", CandidType.integer())[0].integer().toString());
    assertEquals("16383", decode("DIDL\\00\\01\\7d\\ff\\7f", CandidType.integer())[0].integer().toString());
    refuse(CandidException.Kind.MISMATCH, "DIDL\\00\\01\\7c\\01", CandidType.nat());
  }

  @Test
  void shouldReadFixedWidthNumbersLittleEndianAndExactly() {
    assertEquals(-1, decode("DIDL\\00\\01\\77\\ff", CandidType.int8())[0].fixedInteger());
    assertEquals(0xffff, decode("DIDL\\00\\01\\7a\\ff\\ff", CandidType.nat16())[0].fixedInteger());
    assertEquals(-2, decode("DIDL\\00\\01\\75\\fe\\ff\\ff\\ff", CandidType.int32())[0].fixedInteger());
    assertEquals(-1L, decode("DIDL\\00\\01\\78\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff", CandidType.nat64())[0].fixedInteger());
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\7a\\00", CandidType.nat16());
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\7b\\00\\00", CandidType.nat8());
    refuse(CandidException.Kind.MISMATCH, "DIDL\\00\\01\\7b\\00", CandidType.nat16());
    assertEquals(1.5, decode("DIDL\\00\\01\\72\\00\\00\\00\\00\\00\\00\\f8\\3f", CandidType.float64())[0].float64());
    assertTrue(decode("DIDL\\00\\01\\7e\\01", CandidType.bool())[0].bool());
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\7e\\02", CandidType.bool());
  }

  @Test
  void shouldCheckTextIsUtf8() {
    assertEquals("\u2603", decode("DIDL\\00\\01\\71\\03\\e2\\98\\83", CandidType.text())[0].text());
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\71\\03\\e2\\28\\a1", CandidType.text());
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\71\\02\\c0\\80", CandidType.text()); // overlong NUL
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\71\\03\\ed\\a0\\80", CandidType.text()); // surrogate
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\71\\02\\e2\\98", CandidType.text()); // cut
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\71\\05\\41", CandidType.text()); // too short
    // skipped text is checked too
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\71\\01\\ff");
  }

  @Test
  void shouldValidateTheWholeTypeTable() {
    decode("DIDL\\01\\6e\\00\\00"); // recursive type, unused
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\6e\\01\\00"); // entry out of range
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\7f\\00"); // primitive in the table
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\68\\00"); // principal in the table
    refuse(CandidException.Kind.MALFORMED, "DIDL\\02\\6d\\7f\\00\\00"); // index as a table entry
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\00\\00");
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\6e\\6f\\6e\\6f\\00"); // table too long
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\6c\\02\\00\\7c\\00\\7e\\01\\00\\2a\\01"); // duplicate field
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\6c\\02\\01\\7c\\00\\7e\\01\\00\\2a\\01"); // unsorted
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\6c\\01\\80\\e4\\97\\d0\\12\\7c\\01\\00\\2a"); // id > u32
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\6e"); // constructor without entry
    // func and service types are validated, and their values skipped
    decode("DIDL\\02\\6a\\01\\71\\01\\7d\\01\\01\\69\\01\\01f\\00\\01\\01\\01\\01\\00");
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\6a\\00\\00\\01\\04\\00"); // bad annotation
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\69\\01\\01f\\7d\\00"); // method not a func
    refuse(CandidException.Kind.MALFORMED,
        "DIDL\\02\\6a\\00\\00\\00\\69\\02\\01g\\00\\01f\\00\\00"); // methods unsorted
    // a future type is skipped by its length, its value by its lengths
    decode("DIDL\\01\\67\\02\\aa\\bb\\01\\00\\03\\00\\01\\02\\03");
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\67\\05\\aa\\00");
    // Found by fuzzing: the value's length was checked before its reference count was read, so a
    // value ending one byte short was skipped past the end (refused, but at byte 13 of 12).
    CandidException e = refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\67\\00\\01\\00\\02\\00\\01");
    assertEquals("Candid: message ends 1 bytes early at byte 11", e.getMessage());
  }

  @Test
  void shouldCoerceRecordsByTheSpecRules() {
    CandidType oneInt = CandidType.record(field(1, CandidType.integer()));
    assertEquals(0, decode("DIDL\\01\\6c\\01\\01\\7c\\01\\00\\2a", CandidType.record())[0].type().fieldCount());
    assertEquals("42", decode("DIDL\\01\\6c\\01\\01\\7c\\01\\00\\2a", oneInt)[0].field(0).integer().toString());
    refuse(CandidException.Kind.MISMATCH, "DIDL\\01\\6c\\01\\01\\7c\\01\\00\\2a",
        CandidType.record(field(2, CandidType.integer())));
    assertTrue(decode("DIDL\\01\\6c\\01\\01\\7c\\01\\00\\2a",
        CandidType.record(field(2, CandidType.opt(CandidType.integer()))))[0].field(0).isNull());
    CandidValue named = decode("DIDL\\01\\6c\\02\\d3\\e3\\aa\\02\\7e\\86\\8e\\b7\\02\\7c\\01\\00\\01\\2a",
        CandidType.record(field("foo", CandidType.integer()), field("bar", CandidType.bool())))[0];
    assertEquals("42", named.field("foo").integer().toString());
    assertTrue(named.field("bar").bool());
    // reserved accepts a missing field; null does not accept a reserved one
    decode("DIDL\\01\\6c\\01\\00\\70\\01\\00", CandidType.record(field(0, CandidType.reserved())));
    refuse(CandidException.Kind.MISMATCH, "DIDL\\01\\6c\\01\\00\\70\\01\\00", CandidType.record(field(0, CandidType.nullType())));
  }

  @Test
  void shouldCoerceVariantsAndOptionsByTheSpecRules() {
    CandidType v0 = CandidType.variant(field(0, CandidType.nullType()));
    assertEquals(0, decode("DIDL\\01\\6b\\01\\00\\7f\\01\\00\\00", v0)[0].variantIndex());
    assertEquals(0, decode("DIDL\\01\\6b\\01\\00\\7f\\01\\00\\00",
        CandidType.variant(field(0, CandidType.nullType()), field(1, CandidType.nullType())))[0].variantIndex());
    refuse(CandidException.Kind.MISMATCH, "DIDL\\01\\6b\\01\\00\\7f\\01\\00\\00",
        CandidType.variant(field(1, CandidType.nullType())));
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\6b\\01\\00\\7f\\01\\00\\01", v0); // index out of range
    // opt: a value that does not coerce reads as null; bytes are still consumed
    CandidType optNat = CandidType.opt(CandidType.nat());
    assertNull(decode("DIDL\\01\\6e\\7c\\01\\00\\01\\2a", optNat)[0].option());
    assertEquals("42", decode("DIDL\\00\\01\\7d\\2a", optNat)[0].option().integer().toString());
    assertNull(decode("DIDL\\00\\01\\7c\\2a", optNat)[0].option()); // int is not a nat
    assertNull(decode("DIDL\\00\\01\\7f", optNat)[0].option());
    assertNull(decode("DIDL\\00\\01\\70", optNat)[0].option());
    // opt with an unknown variant tag reads as null
    assertNull(decode("DIDL\\01\\6b\\01\\00\\7f\\01\\00\\00",
        CandidType.opt(CandidType.variant(field(1, CandidType.nullType()))))[0].option());
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\6e\\7d\\01\\00\\02", optNat); // bad flag
    // nested opt: opt nat at opt opt nat
    CandidValue nested = decode("DIDL\\00\\01\\7d\\05", CandidType.opt(optNat))[0];
    assertEquals("5", nested.option().option().integer().toString());
  }

  @Test
  void shouldApplyTupleRulesToArguments() {
    CandidValue[] v = decode("DIDL\\00\\02\\7d\\71\\01\\01x", CandidType.nat());
    assertEquals(1, v.length);
    CandidValue[] more = decode("DIDL\\00\\01\\7d\\01", CandidType.nat(), CandidType.opt(CandidType.text()));
    assertNull(more[1].option());
    refuse(CandidException.Kind.MISMATCH, "DIDL\\00\\01\\7d\\01", CandidType.nat(), CandidType.text());
  }

  /** Found by the spec suite (construct.test.did, "parsing reserved as null", "parsing 5 as null"). */
  @Test
  void shouldReadAPresentArgumentAtNullOnlyWhenItIsNull() {
    assertTrue(decode("DIDL\\00\\01\\7f", CandidType.nullType())[0].isNull());
    assertTrue(decode("DIDL\\00\\00", CandidType.nullType())[0].isNull()); // missing: null
    refuse(CandidException.Kind.MISMATCH, "DIDL\\00\\01\\70", CandidType.nullType());
    refuse(CandidException.Kind.MISMATCH, "DIDL\\00\\01\\7d\\05", CandidType.nullType());
    refuse(CandidException.Kind.MISMATCH, "DIDL\\00\\02\\70\\7d\\05", CandidType.nullType(), CandidType.nat());
  }

  @Test
  void shouldReadBlobsAndPrincipalsAndRefuseWhatTheIcNeverSends() {
    assertArrayEquals(new byte[] {1, 2}, decode("DIDL\\01\\6d\\7b\\01\\00\\02\\01\\02", CandidType.blob())[0].blob());
    assertArrayEquals(new byte[0], decode("DIDL\\01\\6d\\6f\\01\\00\\00", CandidType.blob())[0].blob());
    assertArrayEquals(new byte[] {4}, decode("DIDL\\00\\01\\68\\01\\01\\04", CandidType.principal())[0].principal());
    refuse(CandidException.Kind.MALFORMED, "DIDL\\00\\01\\68\\00", CandidType.principal());
    StringBuilder thirty = new StringBuilder("DIDL\\00\\01\\68\\01\\1e");
    for (int i = 0; i < 30; i++) {
      thirty.append("\\00");
    }
    refuse(CandidException.Kind.MALFORMED, thirty.toString(), CandidType.principal());
    refuse(CandidException.Kind.MALFORMED, "DIDL\\01\\6d\\6f\\01\\00\\01", CandidType.blob()); // a value of empty
  }

  @Test
  void shouldBoundWorkAndDepthForSmallHostileMessages() {
    // spacebomb: vec null of 2^32-1 elements in ten bytes
    CandidException bomb = refuse(CandidException.Kind.LIMIT, "DIDL\\01\\6d\\7f\\01\\00\\ff\\ff\\ff\\ff\\0f");
    assertTrue(bomb.getMessage().contains("units of work"), bomb.getMessage());
    refuse(CandidException.Kind.LIMIT, "DIDL\\01\\6d\\7f\\01\\00\\ff\\ff\\ff\\ff\\0f", CandidType.vec(CandidType.nullType()));
    // empty recursion: record { 0 : T } has only infinite values
    refuse(CandidException.Kind.LIMIT, "DIDL\\01\\6c\\01\\00\\00\\01\\00");
    CandidType empty = CandidType.forward();
    empty.define(CandidType.record(field(0, empty)));
    refuse(CandidException.Kind.LIMIT, "DIDL\\01\\6c\\01\\00\\00\\01\\00", empty);
    // a list of 60 nests 121 values (an opt and a record per element): within the bound of 128;
    // 64 elements nest 129
    assertFalse(decodeList(60).isNull());
    refuse(CandidException.Kind.LIMIT, listMessage(64), listType());
  }

  /**
   * Memory: work per byte allows 16 zero-byte values per byte, so a 2 MiB message could have asked
   * for 33 million value objects; the decoding quota refuses an oversized vector at its length,
   * before anything is allocated, and counts every value decoded.
   */
  @Test
  void shouldBoundTheValuesDecodedByTheDecodingQuota() {
    CandidType vecOptNat = CandidType.vec(CandidType.opt(CandidType.nat()));
    // the 262,160-byte vec opt nat (elements absent): 262,150 values, within 2^20
    assertEquals(262_150, CandidMessage.parse(vecOptNatAbsent(262_150)).decode(vecOptNat)[0].size());
    // 2 MiB of it: refused at the vector's length
    CandidException e = assertThrows(CandidException.class,
        () -> CandidMessage.parse(vecOptNatAbsent(2 * 1024 * 1024)).decode(vecOptNat));
    assertEquals(CandidException.Kind.LIMIT, e.kind());
    assertEquals("Candid: a vector of 2097152 values exceeds the decoding quota of 1048576 values at byte 15",
        e.getMessage());
    // zero-byte elements (vec null read as vec opt nat) beside a long text that pays for their work
    byte[] zeroBytes = CandidNotation.bytes("DIDL\\02\\6d\\7f\\6c\\02\\00\\00\\01\\71\\01\\01");
    byte[] message = concat(zeroBytes, leb(1_100_000), leb(140_000), new byte[140_000]);
    CandidType record = CandidType.record(field(0, vecOptNat), field(1, CandidType.text()));
    CandidException zero = assertThrows(CandidException.class, () -> CandidMessage.parse(message).decode(record));
    assertEquals(CandidException.Kind.LIMIT, zero.kind());
    assertTrue(zero.getMessage().contains("a vector of 1100000 values exceeds the decoding quota"), zero.getMessage());
    // the quota counts every value: a record and its nat are 2, within a quota of 2, not of 1
    byte[] nested = CandidNotation.bytes("DIDL\\01\\6c\\01\\00\\7d\\01\\00\\05");
    CandidType t = CandidType.record(field(0, CandidType.nat()));
    assertEquals(5, CandidMessage.parse(nested, CandidLimits.DEFAULT.withQuotas(2, 0)).decode(t)[0].field(0)
        .integer().longValueExact());
    assertThrows(CandidException.class, () -> CandidMessage.parse(nested, CandidLimits.DEFAULT.withQuotas(1, 0)).decode(t));
  }

  /** What is only checked ({@link CandidMessage#validate()}) or skipped counts against the skipping quota. */
  @Test
  void shouldBoundTheValuesSkippedByTheSkippingQuota() {
    // the vector (1), its length charged before its elements (n), each element (n): 1 + 2n
    CandidMessage.parse(vecOptNatAbsent(4_999)).validate();
    CandidException e = assertThrows(CandidException.class, () -> CandidMessage.parse(vecOptNatAbsent(5_000)).validate());
    assertEquals(CandidException.Kind.LIMIT, e.kind());
    assertEquals("Candid: skipping more values than the skipping quota of 10000 values at byte 5012", e.getMessage());
    CandidException atLength = assertThrows(CandidException.class,
        () -> CandidMessage.parse(vecOptNatAbsent(10_000)).validate());
    assertEquals("Candid: skipping a vector of 10000 values exceeds the skipping quota of 10000 values at byte 13",
        atLength.getMessage());
    CandidException big = assertThrows(CandidException.class,
        () -> CandidMessage.parse(vecOptNatAbsent(2 * 1024 * 1024)).validate());
    assertTrue(big.getMessage().contains("skipping a vector of 2097152 values"), big.getMessage());
    // an extra argument is skipped: the same bound when decoding fewer arguments than sent
    assertThrows(CandidException.class, () -> CandidMessage.parse(vecOptNatAbsent(20_000)).decode());
  }

  /** {@code DIDL}, type {@code vec opt nat}, one value of {@code n} absent elements. */
  static byte[] vecOptNatAbsent(int n) {
    byte[] head = CandidNotation.bytes("DIDL\\02\\6e\\7d\\6d\\00\\01\\01");
    return concat(head, leb(n), new byte[n]);
  }

  static byte[] leb(long v) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static CandidType listType() {
    CandidType list = CandidType.forward();
    list.define(CandidType.opt(CandidType.record(field("head", CandidType.nat()), field("tail", list))));
    return list;
  }

  static String listMessage(int n) {
    StringBuilder sb = new StringBuilder("DIDL\\02\\6e\\01\\6c\\02\\a0\\d2\\ac\\a8\\04\\7d\\90\\ed\\da\\e7\\04\\00\\01\\00");
    for (int i = 0; i < n; i++) {
      sb.append("\\01\\01");
    }
    sb.append("\\00");
    return sb.toString();
  }

  static CandidValue decodeList(int n) {
    return decode(listMessage(n), listType())[0];
  }
}
