package dev.icjava.callerauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.icjava.testkit.reference.NodeReference;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Principal text against npm {@code @dfinity/principal}, an implementation independent of this one:
 * 10,000 random principals spread over every length 0 to 29, and a generated set of malformed texts
 * that both must refuse (this one naming the rule that fails).
 */
class PrincipalTextReferenceTest {
  static final int PRINCIPALS = 10_000;

  @Test
  void shouldAgreeWithDfinityPrincipalOnTenThousandRandomPrincipalsOfEveryLength() {
    Random random = new Random(42);
    List<byte[]> principals = new ArrayList<>();
    for (int i = 0; i < PRINCIPALS; i++) {
      byte[] p = new byte[i % 30];
      random.nextBytes(p);
      principals.add(p);
    }
    List<String> expected = NodeReference.principalTexts(principals);
    for (int i = 0; i < PRINCIPALS; i++) {
      Principal p = Principal.fromBytes(principals.get(i));
      String text = p.toText();
      assertEquals(expected.get(i), text, "bytes " + HexFormat.of().formatHex(principals.get(i)));
      assertArrayEquals(principals.get(i), Principal.fromText(text).bytes(), text);
      byte[] ascii = new byte[p.textLength() + 3];
      p.writeText(ascii, 3);
      assertEquals(text, new String(ascii, 3, p.textLength(), java.nio.charset.StandardCharsets.US_ASCII));
    }
  }

  /**
   * A malformed text and the rule it breaks; {@code referenceRefuses} is false where the reference
   * is laxer than the spec (it accepts principals longer than 29 bytes).
   */
  record Malformed(String text, PrincipalFormatException.Reason reason, boolean referenceRefuses) {
    Malformed(String text, PrincipalFormatException.Reason reason) {
      this(text, reason, true);
    }
  }

  static List<Malformed> malformed() {
    Random random = new Random(7);
    List<Malformed> out = new ArrayList<>();
    String[] badChars = {"0", "1", "8", "9", "A", "Z", "_", "!", " ", "é", "\u0000", "=", "+", "/"};
    for (int i = 0; i < 600; i++) {
      byte[] bytes = new byte[1 + random.nextInt(29)];
      random.nextBytes(bytes);
      String text = Principal.fromBytes(bytes).toText();
      int pos = randomCharPosition(text, random);
      switch (i % 6) {
        case 0 -> // a character outside lowercase base32
            out.add(new Malformed(
                text.substring(0, pos) + badChars[random.nextInt(badChars.length)] + text.substring(pos + 1),
                PrincipalFormatException.Reason.CHARACTER));
        case 1 -> // upper case is not the textual form
            out.add(new Malformed(text.toUpperCase(java.util.Locale.ROOT), PrincipalFormatException.Reason.CHARACTER));
        case 2 -> // a dash removed: groups no longer of five
            out.add(new Malformed(text.replaceFirst("-", ""), text.contains("-")
                ? PrincipalFormatException.Reason.GROUPING : PrincipalFormatException.Reason.LENGTH));
        case 3 -> // a dash added at a place where none belongs, or a trailing one
            out.add(new Malformed(random.nextBoolean() ? text + "-" : "-" + text, PrincipalFormatException.Reason.GROUPING));
        case 4 -> { // one checksum character changed: the CRC no longer matches
          char c = text.charAt(1);
          char d = c == 'a' ? 'b' : 'a';
          out.add(new Malformed(text.charAt(0) + String.valueOf(d) + text.substring(2), PrincipalFormatException.Reason.CHECKSUM));
        }
        default -> { // the last character dropped or doubled: no whole number of bytes
          String last = text.substring(text.length() - 1);
          String cut = text.substring(0, text.length() - 1);
          String candidate = cut.endsWith("-") ? text + last : cut;
          int chars = candidate.replace("-", "").length();
          boolean wholeBytes = false;
          for (int n = 4; n <= 33; n++) {
            wholeBytes |= chars == (n * 8 + 4) / 5;
          }
          if (!wholeBytes && !candidate.endsWith("-") && lastGroupLength(candidate) <= 5) {
            out.add(new Malformed(candidate, PrincipalFormatException.Reason.LENGTH));
          }
        }
      }
    }
    out.add(new Malformed("", PrincipalFormatException.Reason.LENGTH));
    out.add(new Malformed("aaa", PrincipalFormatException.Reason.LENGTH));
    byte[] thirty = new byte[30];
    out.add(new Malformed(textOfAnyLength(thirty), PrincipalFormatException.Reason.LENGTH, false));
    return out;
  }

  @Test
  void shouldRefuseEveryMalformedTextNamingTheRuleAsTheReferenceRefusesIt() {
    List<Malformed> cases = malformed();
    List<String> texts = cases.stream().map(Malformed::text).toList();
    List<NodeReference.Answer> reference = NodeReference.parsePrincipals(
        texts.stream().map(t -> t.replace("\u0000", "?")).toList());
    for (int i = 0; i < cases.size(); i++) {
      Malformed m = cases.get(i);
      PrincipalFormatException e = assertThrows(PrincipalFormatException.class, () -> Principal.fromText(m.text()), m.text());
      assertEquals(m.reason(), e.reason(), m.text() + ": " + e.getMessage());
      assertEquals(m.referenceRefuses(), !reference.get(i).ok(), "@dfinity/principal on " + m.text());
    }
  }

  private static int randomCharPosition(String text, Random random) {
    while (true) {
      int pos = random.nextInt(text.length());
      if (text.charAt(pos) != '-') {
        return pos;
      }
    }
  }

  private static int lastGroupLength(String text) {
    return text.length() - text.lastIndexOf('-') - 1;
  }

  /** The text form of bytes of any length, bypassing Principal's 29-byte limit. */
  private static String textOfAnyLength(byte[] raw) {
    byte[] ascii = PrincipalText.encode(raw);
    return new String(ascii, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
