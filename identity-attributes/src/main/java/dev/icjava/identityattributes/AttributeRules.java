package dev.icjava.identityattributes;

import dev.icjava.attributes.Icrc3Value;
import dev.icjava.candid.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 */
final class AttributeRules {
  static final String[] OPENID_PREFIXES = {
    "",
    "openid:https://accounts.google.com:",
    "openid:https://appleid.apple.com:",
    "openid:https://login.microsoftonline.com/{tid}/v2.0:",
  };

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
    String[] name = new String[1];
    SignInError e = resolveNonSso(bundle, "name", "name", name);
    if (e != null) {
      return Result.err(e);
    }
    String[] email = new String[1];
    e = resolveNonSso(bundle, "email", "verified_email", email);
    if (e != null) {
      return Result.err(e);
    }
    return Result.ok(new IdentityAttributes(Optional.ofNullable(name[0]), Optional.ofNullable(email[0]),
        Optional.empty()));
  }

  private static Result<IdentityAttributes, SignInError> resolveSso(Icrc3Value bundle, List<String[]> names,
      List<String[]> emails) {
    List<String> otherKeys = new ArrayList<>();
    for (String prefix : OPENID_PREFIXES) {
      for (String suffix : new String[] {"name", "verified_email"}) {
        String key = prefix + suffix;
        if (bundle.count(key) > 0) {
          otherKeys.add(key);
        }
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

  /** The value of {@code field} into {@code out[0]}, or the refusal when it has several sources. */
  private static SignInError resolveNonSso(Icrc3Value bundle, String field, String suffix, String[] out) {
    List<String> sources = new ArrayList<>();
    for (String prefix : OPENID_PREFIXES) {
      String key = prefix + suffix;
      String value = text(bundle, key);
      if (value != null) {
        out[0] = value;
        sources.add(key);
      }
    }
    return sources.size() > 1 ? new SignInError.AmbiguousAttribute(field, sources) : null;
  }

  /** The first {@code Text} value under {@code key}, as the library's {@code getText}; null if none. */
  static String text(Icrc3Value bundle, String key) {
    Icrc3Value v = first(bundle, key, Icrc3Value.Kind.TEXT);
    return v == null ? null : v.text();
  }

  /** The first entry under {@code key} with a value of {@code kind}; null if none. */
  static Icrc3Value first(Icrc3Value bundle, String key, Icrc3Value.Kind kind) {
    int size = bundle.size();
    for (int i = 0; i < size; i++) {
      if (bundle.key(i).equals(key)) {
        Icrc3Value v = bundle.value(i);
        if (v.kind() == kind) {
          return v;
        }
      }
    }
    return null;
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
