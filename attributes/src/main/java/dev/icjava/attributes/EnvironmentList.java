package dev.icjava.attributes;

import java.util.ArrayList;
import java.util.List;

/**
 * The comma-separated lists kept in canister environment variables ({@code
 * trusted_attribute_signers}, {@code frontend_origins}): entries are split at every comma, spaces
 * and tabs around an entry are removed, and empty entries (a trailing comma, {@code "a,,b"}) are
 * ignored. Nothing else is changed: no case folding, no trailing-slash removal.
 */
public final class EnvironmentList {
  private EnvironmentList() {}

  /**
   * The entries of {@code value}, in order.
   *
   * @param value the variable's value
   * @return the entries
   */
  public static List<String> split(String value) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int length = value.length();
    while (start <= length) {
      int comma = value.indexOf(',', start);
      int stop = comma < 0 ? length : comma;
      int a = start;
      int b = stop;
      while (a < b && isBlank(value.charAt(a))) {
        a++;
      }
      while (b > a && isBlank(value.charAt(b - 1))) {
        b--;
      }
      if (a < b) {
        out.add(value.substring(a, b));
      }
      start = stop + 1;
    }
    return out;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
