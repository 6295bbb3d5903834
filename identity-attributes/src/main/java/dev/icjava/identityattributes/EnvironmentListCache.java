package dev.icjava.identityattributes;

import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.internal.Utf8;
import java.util.List;

/**
 * A cache of the comma-separated lists in the canister's environment variables ({@code frontend_origins},
 * {@code trusted_sso_domains}), read at every call, as {@link AttributeRules#parseList} parses
 * them, parsed again only when a variable's bytes differ from the last call's (a settings change
 * takes effect at the next call; an update call keeps the parse for the next, a query's copy is
 * discarded with its other changes). The lists are shared from call to call: read them, never
 * change them (not wrapped unmodifiable: {@code Collections}' initialisation alone costs a first call
 * about 10,000 instructions).
 */
final class EnvironmentListCache implements BundleCheck.Environment {
  private final String[] names;
  private final byte[][] namesUtf8;
  private final byte[][] raw;
  private final List<String>[] lists;

  @SuppressWarnings("unchecked")
  EnvironmentListCache(String... names) {
    this.names = names.clone();
    this.namesUtf8 = new byte[names.length][];
    for (int i = 0; i < names.length; i++) {
      namesUtf8[i] = Utf8.encode(names[i]);
    }
    this.raw = new byte[names.length][];
    this.lists = new List[names.length];
  }

  @Override
  public List<String> list(String name) {
    int slot = slot(name);
    byte[] value = SystemApi.envVarUtf8(namesUtf8[slot]);
    List<String> cached = lists[slot];
    if (cached != null && Utf8.equalBytes(value, raw[slot])) {
      return cached;
    }
    List<String> parsed = AttributeRules.parseList(
        value == null ? null : Utf8.decodeOrTrap(value, "environment variable", name));
    raw[slot] = value;
    lists[slot] = parsed;
    return parsed;
  }

  private int slot(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i] == name || names[i].equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("not one of this cache's variables: " + name);
  }
}
