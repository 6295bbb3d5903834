package dev.icjava.candid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.ic4j.candid.parser.IDLArgs;
import org.ic4j.candid.parser.IDLValue;
import org.ic4j.candid.types.Type;
import org.junit.jupiter.api.Test;

/** nat and int of any size: ic4j-candid encodes, java.math.BigInteger is the reference. */
class CandidIntegerTest {
  @Test
  void shouldDecodeTwentyThousandNatsAndIntsAsBigIntegerPrintsThem() {
    Random r = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      BigInteger n = new BigInteger(r.nextInt(300), r);
      boolean signed = i % 2 == 1;
      BigInteger v = signed && r.nextBoolean() ? n.negate() : n;
      byte[] message = IDLArgs.create(List.of(IDLValue.create(v, signed ? Type.INT : Type.NAT))).toBytes();
      CandidInteger got =
          CandidMessage.parse(message).decode(signed ? CandidType.integer() : CandidType.nat())[0].integer();
      assertEquals(v.toString(), got.toString(), "value " + v);
      assertEquals(v.signum(), got.signum());
      assertEquals(v.bitLength() < 64, got.fitsInLong(), "fits " + v);
      if (got.fitsInLong()) {
        assertEquals(v.longValueExact(), got.longValueExact());
      } else {
        assertThrows(ArithmeticException.class, got::longValueExact);
      }
      byte[] magnitude = v.abs().toByteArray();
      int skip = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
      byte[] expected = java.util.Arrays.copyOfRange(magnitude, skip, magnitude.length);
      assertArrayEquals(v.signum() == 0 ? new byte[0] : expected, got.magnitude());
      assertEquals(got, CandidInteger.of(v.signum(), expected));
    }
  }

  @Test
  void shouldKeepTheEdgesOfLongExact() {
    assertEquals(Long.MIN_VALUE, CandidInteger.of(-1, BigInteger.TWO.pow(63).toByteArray()).longValueExact());
    assertEquals(false, CandidInteger.of(1, BigInteger.TWO.pow(63).toByteArray()).fitsInLong());
    assertEquals("9223372036854775808", CandidInteger.of(1, BigInteger.TWO.pow(63).toByteArray()).toString());
    assertEquals("-9223372036854775808", CandidInteger.of(Long.MIN_VALUE).toString());
    assertEquals("0", CandidInteger.of(1, new byte[] {0, 0}).toString());
  }
}
