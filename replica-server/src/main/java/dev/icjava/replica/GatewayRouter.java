package dev.icjava.replica;

import dev.icjava.callerauth.Principal;
import dev.icjava.callerauth.PrincipalFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which canister a browser's request is for, as the HTTP gateway of icp-cli's network launcher
 * decides it (dfinity/icp-cli-network-launcher {@code src/main.rs}: the gateway's domains are the
 * {@code --domain} values and {@code localhost}; its custom domains are the {@code host:principal}
 * lines of {@code --custom-domains-file}, else {@code <status-dir>/custom-domains.txt}, re-read when
 * the file changes):
 *
 * <ul>
 *   <li>{@code <canister id>.<domain>} (a port after the host is ignored);
 *   <li>a host listed in the custom domains file (icp-cli writes {@code backend.local.localhost:<id>}
 *       at each deploy, and {@code id.ai.localhost:uqzsh-...} with II);
 *   <li>{@code id.ai.<domain>}: the Internet Identity frontend, when the network runs the II
 *       stand-in (so it answers before icp-cli writes the file);
 *   <li>otherwise a {@code canisterId} query parameter ({@code http://127.0.0.1:8000/?canisterId=<id>}).
 * </ul>
 */
final class GatewayRouter {
  static final byte[] II_FRONTEND = HttpReplica.principalBytes("uqzsh-gqaaa-aaaaq-qaada-cai");

  private final List<String> domains;
  private final Path customDomainsFile;
  private final boolean ii;
  private Map<String, byte[]> custom = Map.of();
  private FileTime customRead;

  GatewayRouter(List<String> domains, Path customDomainsFile, boolean ii) {
    this.domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    this.customDomainsFile = customDomainsFile;
    this.ii = ii;
  }

  /** The canister {@code host} (a Host header) and {@code query} (the URL's query string) name, or null. */
  synchronized byte[] canisterFor(String host, String query) {
    if (host != null) {
      String h = host.toLowerCase(Locale.ROOT);
      int colon = h.lastIndexOf(':');
      if (colon >= 0 && h.indexOf(']') < colon) {
        h = h.substring(0, colon);
      }
      byte[] listed = customDomains().get(h);
      if (listed != null) {
        return listed;
      }
      for (String d : domains) {
        if (h.endsWith("." + d)) {
          String prefix = h.substring(0, h.length() - d.length() - 1);
          if (ii && prefix.equals("id.ai")) {
            return II_FRONTEND;
          }
          byte[] id = principal(prefix);
          if (id != null) {
            return id;
          }
        }
      }
    }
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith("canisterId=")) {
          return principal(pair.substring("canisterId=".length()));
        }
      }
    }
    return null;
  }

  /** The custom domains file's {@code host:principal} lines, read again when its modification time changes. */
  private Map<String, byte[]> customDomains() {
    if (customDomainsFile == null) {
      return custom;
    }
    try {
      if (!Files.exists(customDomainsFile)) {
        custom = Map.of();
        customRead = null;
        return custom;
      }
      FileTime t = Files.getLastModifiedTime(customDomainsFile);
      if (t.equals(customRead)) {
        return custom;
      }
      Map<String, byte[]> read = new HashMap<>();
      for (String line : Files.readAllLines(customDomainsFile, StandardCharsets.UTF_8)) {
        String l = line.strip();
        int colon = l.lastIndexOf(':');
        if (l.isEmpty() || colon < 0) {
          continue;
        }
        byte[] id = principal(l.substring(colon + 1));
        if (id != null) {
          read.put(l.substring(0, colon).toLowerCase(Locale.ROOT), id);
        }
      }
      custom = read;
      customRead = t;
    } catch (IOException e) {
      System.err.println("gateway: cannot read " + customDomainsFile + ": " + e.getMessage());
    }
    return custom;
  }

  private static byte[] principal(String text) {
    try {
      return Principal.fromText(text).bytes();
    } catch (PrincipalFormatException e) {
      return null;
    }
  }
}
