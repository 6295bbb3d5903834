package dev.icjava.build.candid;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles the generated glue source with the JDK's compiler ({@code javax.tools}, there whenever
 * Maven runs) against the canister's class path, into a directory TeaVM then reads with the rest.
 */
public final class GlueCompiler {
  private GlueCompiler() {}

  /**
   * Writes {@code source} as {@code <sourceDir>/<package path>/<simple name>.java}, compiles it into
   * {@code classDir}; throws {@link IllegalStateException} with the compiler's messages on failure.
   *
   * @param className the glue class's binary name
   * @param source its Java source
   * @param classPath the class path to compile against
   * @param sourceDir where to write the source
   * @param classDir where to write the class
   * @throws IOException when a file cannot be written
   */
  public static void compile(String className, String source, List<File> classPath, Path sourceDir, Path classDir)
      throws IOException {
    Path file = sourceDir.resolve(className.replace('.', File.separatorChar) + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source, StandardCharsets.UTF_8);
    Files.createDirectories(classDir);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("typed entry points need a JDK (javax.tools found no Java compiler)");
    }
    StringWriter messages = new StringWriter();
    String cp = classPath.stream().map(File::getPath).collect(Collectors.joining(File.pathSeparator));
    int status;
    try (var files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(messages, files, null,
          List.of("-proc:none", "--release", "17", "-nowarn", "-encoding", "UTF-8", "-classpath", cp,
              "-d", classDir.toString()),
          null, files.getJavaFileObjects(file.toFile())).call();
      status = ok ? 0 : 1;
    }
    if (status != 0) {
      throw new IllegalStateException("the generated glue " + file + " did not compile (typed entry points need"
          + " the candid module, and caller-auth for Principal, on the class path):\n" + messages);
    }
  }
}
