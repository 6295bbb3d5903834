package dev.icjava.replica;

/**
 * The browser demo: {@code mvn -q -B -DskipTests -Pbrowser-demo verify} (from the root): starts the local network with
 * the Internet Identity stand-in and the samples ({@link BrowserNetwork}), runs the guide's
 * registration in headless Chromium ({@code samples/frontend/test/demo.mjs}), which prints each step
 * and the line {@code Registered <principal> with email <email>}, then stops everything it started.
 */
public final class BrowserDemo {
  private BrowserDemo() {}

  public static void main(String[] args) throws Exception {
    String missing = BrowserNetwork.missing();
    if (missing != null) {
      throw new IllegalStateException("browser-demo: " + missing);
    }
    int exit;
    try (BrowserNetwork network = new BrowserNetwork()) {
      System.out.println("Local network: " + network.server.url() + ", Internet Identity stand-in at "
          + network.env.get("II_URL") + ", whoami " + network.env.get("BACKEND_ID"));
      ProcessBuilder pb = new ProcessBuilder("node", "test/demo.mjs").directory(BrowserNetwork.FRONTEND.toFile()).inheritIO();
      pb.environment().putAll(network.env);
      exit = pb.start().waitFor();
    }
    if (exit != 0) {
      throw new IllegalStateException("browser-demo: the demo failed (exit " + exit + ")");
    }
  }
}
