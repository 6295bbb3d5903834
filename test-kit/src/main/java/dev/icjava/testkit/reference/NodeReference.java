package dev.icjava.testkit.reference;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Independent reference implementations from npm, run in Node: {@code @dfinity/principal} for
 * principal text, {@code @dfinity/candid} for ICRC-3 Values and for values of any type. Requests go in batches, one Node process per batch. The scripts live in {@code
 * tools/node}, found by walking up from the working directory.
 */
public final class NodeReference {
  private NodeReference() {}

  /** One answer of the reference: a value, or the reference's error message. */
  public record Answer(String value, String error) {
    /**
     * Whether the reference gave a value rather than an error.
     *
     * @return whether there is a value
     */
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * The text of each principal, according to {@code @dfinity/principal}.
   *
   * @param principals the principals' bytes
   * @return their texts
   */
  public static List<String> principalTexts(List<byte[]> principals) {
    List<String> requests = new ArrayList<>();
    for (byte[] p : principals) {
      requests.add("bytes " + HexFormat.of().formatHex(p));
    }
    List<String> out = new ArrayList<>();
    for (Answer a : run("principal-text.js", requests)) {
      if (!a.ok()) {
        throw new IllegalStateException("@dfinity/principal refused bytes: " + a.error());
      }
      out.add(a.value());
    }
    return out;
  }

  /**
   * For each text, the principal's bytes (hex) or the reason {@code @dfinity/principal} refuses it.
   *
   * @param texts the texts
   * @return one answer per text
   */
  public static List<Answer> parsePrincipals(List<String> texts) {
    List<String> requests = new ArrayList<>();
    for (String t : texts) {
      if (t.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("texts with line breaks cannot be sent");
      }
      requests.add("text " + t);
    }
    return run("principal-text.js", requests);
  }

  /** A Candid message encoded by {@code @dfinity/candid}, with the canonical text of its value. */
  public record Encoded(byte[] message, String canonical) {}

  /**
   * {@code count} pseudo-random ICRC-3 Values from {@code seed} (nested Arrays and Maps, large Nat
   * and Int, non-ASCII text, empty containers, repeated map keys), each encoded by {@code
   * @dfinity/candid} as {@code (Value)}.
   *
   * @param seed the seed
   * @param count how many values
   * @return the values and their encodings
   */
  public static List<Encoded> randomIcrc3Values(int seed, int count) {
    return encoded(run("icrc3-values.js", List.of("random " + seed + " " + count), count));
  }

  /**
   * Each ICRC-3 Value given as JSON ({@code {"Nat": "12"}}, {@code {"Blob": "0a0b"}}, {@code
   * {"Map": [["k", v]]}}, ...) encoded by {@code @dfinity/candid} as {@code (Value)}.
   *
   * @param jsons the values, as JSON
   * @return their encodings
   */
  public static List<Encoded> encodeIcrc3Values(List<String> jsons) {
    List<String> requests = new ArrayList<>();
    for (String j : jsons) {
      if (j.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("JSON with line breaks cannot be sent");
      }
      requests.add("value " + j);
    }
    return encoded(run("icrc3-values.js", requests, requests.size()));
  }

  private static List<Encoded> encoded(List<Answer> answers) {
    List<Encoded> out = new ArrayList<>();
    for (Answer a : answers) {
      if (!a.ok()) {
        throw new IllegalStateException("@dfinity/candid refused a value: " + a.error());
      }
      int space = a.value().indexOf(' ');
      out.add(
          new Encoded(
              HexFormat.of().parseHex(a.value().substring(0, space)), a.value().substring(space + 1)));
    }
    return out;
  }

  /**
   * Each value encoded by {@code @dfinity/candid} as the one-value message {@code (T)}: requests are
   * {@code "<type JSON> <canonical value JSON>"} (the format is described in {@code
   * tools/node/candid-values.js}); answers are the messages, or the library's refusal.
   *
   * @param typeAndValue the requests
   * @return one answer per request
   */
  public static List<Answer> encodeCandid(List<String> typeAndValue) {
    return run("candid-values.js", prefixed("encode ", typeAndValue));
  }

  /**
   * Each message decoded by {@code @dfinity/candid} at a type: requests are {@code "<type JSON>
   * <hex>"}; answers are the canonical JSON of the value, or the library's refusal.
   *
   * @param typeAndHex the requests
   * @return one answer per request
   */
  public static List<Answer> decodeCandid(List<String> typeAndHex) {
    return run("candid-values.js", prefixed("decode ", typeAndHex));
  }

  private static List<String> prefixed(String prefix, List<String> lines) {
    List<String> requests = new ArrayList<>();
    for (String l : lines) {
      if (l.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("requests with line breaks cannot be sent");
      }
      requests.add(prefix + l);
    }
    return requests;
  }

  /**
   * The {@code tools/node} directory of this project.
   *
   * @return the directory
   */
  public static File toolsDirectory() {
    File dir = new File(System.getProperty("user.dir")).getAbsoluteFile();
    for (; dir != null; dir = dir.getParentFile()) {
      File candidate = new File(dir, "tools/node");
      if (new File(candidate, "package.json").isFile()) {
        if (!new File(candidate, "node_modules").isDirectory()) {
          throw new IllegalStateException("run `npm ci` in " + candidate + " first");
        }
        return candidate;
      }
    }
    throw new IllegalStateException("tools/node not found above " + System.getProperty("user.dir"));
  }

  private static List<Answer> run(String script, List<String> requests) {
    return run(script, requests, requests.size());
  }

  private static List<Answer> run(String script, List<String> requests, int expectedAnswers) {
    File tools = toolsDirectory();
    try {
      Process p =
          new ProcessBuilder("node", new File(tools, script).getPath())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (OutputStream in = p.getOutputStream()) {
        for (String r : requests) {
          in.write((r + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(script + " failed");
      }
      List<Answer> answers = new ArrayList<>();
      for (String line : output.split("\n")) {
        if (line.startsWith("ok ")) {
          answers.add(new Answer(line.substring(3), null));
        } else if (line.equals("ok")) {
          answers.add(new Answer("", null));
        } else if (line.startsWith("error ")) {
          answers.add(new Answer(null, line.substring(6)));
        }
      }
      if (answers.size() != expectedAnswers) {
        throw new IllegalStateException(
            script + " gave " + answers.size() + " of " + expectedAnswers + " answers");
      }
      return answers;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run node " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
