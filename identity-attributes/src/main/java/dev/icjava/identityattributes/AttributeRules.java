package dev.icjava.identityattributes;

import dev.icjava.attributes.Icrc3Value;
import dev.icjava.candid.CandidValue;
import dev.icjava.candid.Result;
import dev.icjava.runtime.internal.Utf8;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.teavm.interop.StaticInit;

/**
 * The Motoko library's {@code Attributes.asIdentityAttributes} (src/Internal/Attributes.mo at the
 * commit in test-kit/src/test/motoko/identity-attributes/COMMIT), rule for rule and in its order, so
 * that every refusal names the same keys:
 *
 * <ol>
 *   <li>Every entry whose key splits at {@code ':'} into exactly three parts, the first {@code sso},
 *       and whose value is {@code Text}, is an SSO source. The first whose domain is not trusted (in
 *       bundle order) refuses the bundle: {@code UntrustedSsoSource}. Of the trusted ones, suffix
 *       {@code name} is a name source, {@code email} an email source, any other ignored.
 *   <li>With SSO sources: any key {@code name} or {@code verified_email}, unscoped or under one of
 *       the three OpenID prefixes, present with a value of any type, refuses the bundle: {@code
 *       MixedSsoSources} (SSO name keys then SSO email keys; the others prefix by prefix, name before
 *       verified_email). Sources of two domains: {@code AmbiguousAttribute "sso"} with the keys read
 *       up to the second domain. Two name or two email sources: {@code AmbiguousAttribute}. Otherwise
 *       the SSO values and the domain.
 *   <li>Without: {@code name} from {@code name} and the OpenID {@code name} keys, {@code email} from
 *       {@code verified_email} and the OpenID {@code verified_email} keys, {@code Text} values only;
 *       two sources of one field: {@code AmbiguousAttribute} listing them.
 * </ol>
 *
 * <p>The OpenID prefixes are Internet Identity's issuers, Microsoft's with a literal {@code {tid}}.
 *
 * <p>Keys are compared as the bundle holds them, UTF-8 bytes, with the candidate keys encoded once:
 * only the keys and texts a result or a refusal names are decoded to strings.
 */
@StaticInit // its keys encoded once, when the module starts (initialiser: constants and Utf8 only)
final class AttributeRules {
  static final String[] OPENID_PREFIXES = {
    "",
    "openid:https://accounts.google.com:",
    "openid:https://appleid.apple.com:",
    "openid:https://login.microsoftonline.com/{tid}/v2.0:",
  };
  /** The keys of a name, and of an email, in the library's order (prefix by prefix). */
  static final String[] NAME_KEYS = keys("name");
  static final String[] EMAIL_KEYS = keys("verified_email");
  private static final byte[][] NAME_KEYS_UTF8 = utf8(NAME_KEYS);
  private static final byte[][] EMAIL_KEYS_UTF8 = utf8(EMAIL_KEYS);
  private static final byte[] SSO_PREFIX = Utf8.encode("sso:");

  private AttributeRules() {}

  /**
   * The list in an environment variable as the library parses it: split at every comma, empty
   * entries dropped, nothing trimmed. {@code null} (unset) is the empty list.
   */
  static List<String> parseList(String raw) {
    List<String> out = new ArrayList<>();
    if (raw == null) {
      return out;
    }
    int start = 0;
    while (true) {
      int comma = raw.indexOf(',', start);
      int stop = comma < 0 ? raw.length() : comma;
      if (stop > start) {
        out.add(raw.substring(start, stop));
      }
      if (comma < 0) {
        return out;
      }
      start = comma + 1;
    }
  }

  /** Name, email and SSO domain of a decoded bundle ({@code Map}), or the refusal. */
  static Result<IdentityAttributes, SignInError> resolve(Icrc3Value bundle, List<String> trustedSsoDomains) {
    int size = bundle.size();
    String untrusted = null;
    List<String[]> ssoNames = new ArrayList<>(); // {domain, key, value}
    List<String[]> ssoEmails = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (!bundle.keyValue(i).textStartsWith(SSO_PREFIX)) {
        continue;
      }
      String key = bundle.key(i);
      String[] parts = ssoKey(key);
      if (parts == null) {
        continue;
      }
      Icrc3Value value = bundle.value(i);
      if (value.kind() != Icrc3Value.Kind.TEXT) {
        continue;
      }
      String domain = parts[0];
      if (!trustedSsoDomains.contains(domain)) {
        if (untrusted == null) {
          untrusted = domain;
        }
      } else if (parts[1].equals("name")) {
        ssoNames.add(new String[] {domain, key, value.text()});
      } else if (parts[1].equals("email")) {
        ssoEmails.add(new String[] {domain, key, value.text()});
      }
    }
    if (untrusted != null) {
      return Result.err(new SignInError.UntrustedSsoSource(untrusted));
    }
    if (!ssoNames.isEmpty() || !ssoEmails.isEmpty()) {
      return resolveSso(bundle, ssoNames, ssoEmails);
    }
    // Keys are unique (BundleCheck refuses a bundle whose keys are not sorted and unique), so one
    // pass finds each candidate key's entry; sources are then listed in the library's order.
    int[] names = new int[NAME_KEYS.length];
    int[] emails = new int[EMAIL_KEYS.length];
    java.util.Arrays.fill(names, -1);
    java.util.Arrays.fill(emails, -1);
    for (int i = 0; i < size; i++) {
      CandidValue key = bundle.keyValue(i);
      int k = indexOf(key, NAME_KEYS_UTF8);
      if (k >= 0) {
        names[k] = i;
        continue;
      }
      k = indexOf(key, EMAIL_KEYS_UTF8);
      if (k >= 0) {
        emails[k] = i;
      }
    }
    String[] name = new String[1];
    SignInError e = resolveNonSso(bundle, "name", NAME_KEYS, names, name);
    if (e != null) {
      return Result.err(e);
    }
    String[] email = new String[1];
    e = resolveNonSso(bundle, "email", EMAIL_KEYS, emails, email);
    if (e != null) {
      return Result.err(e);
    }
    return Result.ok(new IdentityAttributes(Optional.ofNullable(name[0]), Optional.ofNullable(email[0]),
        Optional.empty()));
  }

  /** The index of {@code key} among {@code candidates} (UTF-8), or -1. */
  private static int indexOf(CandidValue key, byte[][] candidates) {
    for (int k = 0; k < candidates.length; k++) {
      if (key.textEquals(candidates[k])) {
        return k;
      }
    }
    return -1;
  }

  private static Result<IdentityAttributes, SignInError> resolveSso(Icrc3Value bundle, List<String[]> names,
      List<String[]> emails) {
    List<String> otherKeys = new ArrayList<>();
    for (int p = 0; p < NAME_KEYS.length; p++) { // prefix by prefix, name before verified_email
      if (bundle.count(NAME_KEYS_UTF8[p]) > 0) {
        otherKeys.add(NAME_KEYS[p]);
      }
      if (bundle.count(EMAIL_KEYS_UTF8[p]) > 0) {
        otherKeys.add(EMAIL_KEYS[p]);
      }
    }
    if (!otherKeys.isEmpty()) {
      List<String> ssoKeys = new ArrayList<>();
      for (String[] s : names) {
        ssoKeys.add(s[1]);
      }
      for (String[] s : emails) {
        ssoKeys.add(s[1]);
      }
      return Result.err(new SignInError.MixedSsoSources(ssoKeys, otherKeys));
    }
    String domain = null;
    List<String> domainSources = new ArrayList<>();
    List<String[]> all = new ArrayList<>(names);
    all.addAll(emails);
    for (String[] s : all) {
      domainSources.add(s[1]);
      if (domain == null) {
        domain = s[0];
      } else if (!s[0].equals(domain)) {
        return Result.err(new SignInError.AmbiguousAttribute("sso", domainSources));
      }
    }
    if (names.size() > 1) {
      return Result.err(new SignInError.AmbiguousAttribute("name", keys(names)));
    }
    if (emails.size() > 1) {
      return Result.err(new SignInError.AmbiguousAttribute("email", keys(emails)));
    }
    return Result.ok(new IdentityAttributes(
        names.isEmpty() ? Optional.empty() : Optional.of(names.get(0)[2]),
        emails.isEmpty() ? Optional.empty() : Optional.of(emails.get(0)[2]),
        Optional.of(domain)));
  }

  /**
   * The value of {@code field} into {@code out[0]} from the {@code Text} entries at {@code
   * entries} (per candidate key, -1 for none), or the refusal when it has several sources.
   */
  private static SignInError resolveNonSso(Icrc3Value bundle, String field, String[] keys, int[] entries,
      String[] out) {
    List<String> sources = null;
    for (int k = 0; k < keys.length; k++) {
      Icrc3Value value = entries[k] < 0 ? null : bundle.value(entries[k]);
      if (value != null && value.kind() == Icrc3Value.Kind.TEXT) {
        out[0] = value.text();
        if (sources == null) {
          sources = new ArrayList<>();
        }
        sources.add(keys[k]);
      }
    }
    return sources != null && sources.size() > 1 ? new SignInError.AmbiguousAttribute(field, sources) : null;
  }

  /** The first {@code Text} value under {@code key} (UTF-8), as the library's {@code getText}; null if none. */
  static String text(Icrc3Value bundle, byte[] keyUtf8) {
    Icrc3Value v = first(bundle, keyUtf8, Icrc3Value.Kind.TEXT);
    return v == null ? null : v.text();
  }

  /** The first entry under {@code key} (UTF-8) with a value of {@code kind}; null if none. */
  static Icrc3Value first(Icrc3Value bundle, byte[] keyUtf8, Icrc3Value.Kind kind) {
    int size = bundle.size();
    for (int i = 0; i < size; i++) {
      CandidValue key = bundle.keyValue(i);
      if (key.textEquals(keyUtf8)) {
        Icrc3Value v = bundle.value(i);
        if (v.kind() == kind) {
          return v;
        }
      }
    }
    return null;
  }

  private static String[] keys(String suffix) {
    String[] out = new String[OPENID_PREFIXES.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = OPENID_PREFIXES[i] + suffix;
    }
    return out;
  }

  private static byte[][] utf8(String[] texts) {
    byte[][] out = new byte[texts.length][];
    for (int i = 0; i < texts.length; i++) {
      out[i] = Utf8.encode(texts[i]);
    }
    return out;
  }

  private static List<String> keys(List<String[]> sources) {
    List<String> out = new ArrayList<>();
    for (String[] s : sources) {
      out.add(s[1]);
    }
    return out;
  }

  /** {domain, suffix} of a key {@code sso:<domain>:<suffix>} (exactly three parts), else null. */
  static String[] ssoKey(String key) {
    if (!key.startsWith("sso:")) {
      return null;
    }
    int second = key.indexOf(':', 4);
    if (second < 0 || key.indexOf(':', second + 1) >= 0) {
      return null;
    }
    return new String[] {key.substring(4, second), key.substring(second + 1)};
  }
}
