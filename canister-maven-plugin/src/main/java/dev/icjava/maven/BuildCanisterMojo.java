package dev.icjava.maven;

import dev.icjava.build.CanisterBuild;
import dev.icjava.build.CanisterBuildException;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code canister:build}, bound to {@code package}: compiles the canister class to {@code
 * <outputDirectory>/<name>.wasm} with its {@code <name>.did}, through {@link CanisterBuild}. Thin on
 * purpose: every step lives in the {@code canister-build} library, which tests and a CLI use too.
 */
@Mojo(
    name = "build",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public final class BuildCanisterMojo extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** Fully qualified name of the class whose annotated methods are the entry points. */
  @Parameter(required = true)
  private String canisterClass;

  /** Base name of the output files. */
  @Parameter(defaultValue = "${project.artifactId}")
  private String name;

  /**
   * A hand-written Candid interface. When the file exists, the interface generated from the typed
   * entry points is checked against it and it is the one embedded; when it does not, the generated
   * interface is written to {@code <name>.did} and embedded.
   */
  @Parameter(defaultValue = "${project.basedir}/src/main/candid/${project.artifactId}.did")
  private File candid;

  @Parameter(defaultValue = "${project.build.directory}")
  private File outputDirectory;

  /** Initial Java heap in bytes; see {@link CanisterBuild#DEFAULT_MIN_HEAP}. */
  @Parameter(defaultValue = "1048576")
  private int minHeapSize;

  /** Largest Java heap in bytes; see {@link CanisterBuild#DEFAULT_MAX_HEAP}. */
  @Parameter(defaultValue = "268435456")
  private int maxHeapSize;

  /**
   * Binaryen's {@code wasm-opt}, run with {@code -Oz} after TeaVM (smaller and faster modules; see
   * {@code CanisterBuild.wasmOpt}). Unset: the module is installed as TeaVM and the post-processing
   * wrote it.
   */
  @Parameter(property = "canister.wasmOpt")
  private File wasmOpt;

  @Parameter(property = "canister.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("canister build skipped");
      return;
    }
    List<File> classPath = new ArrayList<>();
    try {
      for (String element : project.getRuntimeClasspathElements()) {
        classPath.add(new File(element));
      }
    } catch (org.apache.maven.artifact.DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("cannot resolve the runtime class path", e);
    }
    if (candid != null && !candid.isFile()) {
      getLog().info("no hand-written interface at " + candid + ": the interface is generated from the entry points");
    }
    try {
      Path wasm =
          new CanisterBuild()
              .canisterClass(canisterClass)
              .classPath(classPath)
              .outputDirectory(outputDirectory.toPath())
              .name(name)
              .candid(candid != null && candid.isFile() ? candid.toPath() : null)
              .minHeapSize(minHeapSize)
              .maxHeapSize(maxHeapSize)
              .wasmOpt(wasmOpt == null ? null : wasmOpt.toPath())
              .log(new MavenToolLog(getLog()))
              .run();
      getLog().info("canister module " + wasm + " (" + wasm.toFile().length() + " bytes)");
    } catch (CanisterBuildException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /** TeaVM's and the build's warnings and errors, into Maven's log (progress chatter dropped). */
  private static final class MavenToolLog implements org.teavm.tooling.TeaVMToolLog {
    private final org.apache.maven.plugin.logging.Log log;

    MavenToolLog(org.apache.maven.plugin.logging.Log log) {
      this.log = log;
    }

    @Override
    public void info(String text) {}

    @Override
    public void debug(String text) {}

    @Override
    public void warning(String text) {
      log.warn(text);
    }

    @Override
    public void error(String text) {
      log.error(text);
    }

    @Override
    public void info(String text, Throwable e) {}

    @Override
    public void debug(String text, Throwable e) {}

    @Override
    public void warning(String text, Throwable e) {
      log.warn(text, e);
    }

    @Override
    public void error(String text, Throwable e) {
      log.error(text, e);
    }
  }
}
