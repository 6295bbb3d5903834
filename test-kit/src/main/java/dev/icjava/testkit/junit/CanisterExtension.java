package dev.icjava.testkit.junit;

import dev.icjava.build.CanisterBuild;
import dev.icjava.build.CanisterBuildException;
import dev.icjava.testkit.Canister;
import dev.icjava.testkit.InstallOptions;
import dev.icjava.testkit.LocalReplica;
import dev.icjava.testkit.TestCanister;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link CanisterTest}: resolves {@link TestCanister}, {@link Canister} and
 * {@link LocalReplica} parameters with a canister installed as the annotation says, one per test
 * method (or one per class for a {@code static @BeforeAll} method's parameters).
 */
public final class CanisterExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CanisterExtension.class);
  private static final Map<String, byte[]> MODULES = new ConcurrentHashMap<>();

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestCanister.class || type == Canister.class || type == LocalReplica.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestCanister installed = context.getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestCanister.class, k -> install(context), TestCanister.class);
    Class<?> type = parameter.getParameter().getType();
    if (type == Canister.class) {
      return installed.canister();
    }
    if (type == LocalReplica.class) {
      return installed.replica();
    }
    return installed;
  }

  private static TestCanister install(ExtensionContext context) {
    CanisterTest spec = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), CanisterTest.class)
        .orElseThrow(() -> new ExtensionConfigurationException(
            context.getRequiredTestClass().getName() + " is not annotated @CanisterTest"));
    Map<String, String> environment = new LinkedHashMap<>();
    for (String entry : spec.environment()) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new ExtensionConfigurationException("@CanisterTest environment entry \"" + entry
            + "\" is not name=value");
      }
      environment.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    LocalReplica replica = new LocalReplica();
    Canister canister = replica.install(module(spec), InstallOptions.defaults().environment(environment));
    if (spec.round()) {
      replica.tick();
    }
    return TestCanister.of(replica, canister);
  }

  private static byte[] module(CanisterTest spec) {
    Path wasm = spec.wasm().isEmpty() ? null : Path.of(spec.wasm()).toAbsolutePath();
    if (wasm != null && Files.isRegularFile(wasm)) {
      return MODULES.computeIfAbsent(wasm.toString(), k -> read(wasm));
    }
    if (spec.canister() == void.class) {
      throw new ParameterResolutionException("no canister module at " + wasm + ": build it first (mvn verify runs"
          + " the canister-maven-plugin, bound to process-classes, before the tests), or name the class in"
          + " @CanisterTest(canister = ...) to build it here");
    }
    String name = spec.canister().getName();
    return MODULES.computeIfAbsent("class:" + name, k -> build(spec.canister()));
  }

  private static byte[] build(Class<?> canisterClass) {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<File> classPath = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        classPath.add(new File(entry));
      }
    }
    try {
      Path out = new CanisterBuild()
          .canisterClass(canisterClass.getName())
          .classPath(classPath)
          .outputDirectory(Path.of("target", "canister-test").toAbsolutePath())
          .name(canisterClass.getSimpleName())
          .run();
      return read(out);
    } catch (CanisterBuildException e) {
      throw new ParameterResolutionException("building " + canisterClass.getName() + " failed: " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
