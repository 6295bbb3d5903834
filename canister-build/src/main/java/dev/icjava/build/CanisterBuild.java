package dev.icjava.build;

import dev.icjava.build.candid.CandidStorables;
import dev.icjava.build.candid.CanisterInterface;
import dev.icjava.build.candid.DidFile;
import dev.icjava.build.candid.GlueCompiler;
import dev.icjava.build.candid.GlueSource;
import dev.icjava.build.candid.InterfaceCheck;
import dev.icjava.build.wasm.DataSegments;
import dev.icjava.build.wasm.Exports;
import dev.icjava.build.wasm.IcModuleValidator;
import dev.icjava.build.wasm.Violation;
import dev.icjava.build.wasm.WasmSections;
import dev.icjava.runtime.internal.CanisterStart;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.teavm.diagnostics.DefaultProblemTextConsumer;
import org.teavm.diagnostics.Problem;
import org.teavm.diagnostics.ProblemSeverity;
import dev.icjava.build.teavm.CanisterWasmTarget;
import org.teavm.backend.wasm.WasmRuntimeType;
import org.teavm.cache.AlwaysStaleCacheStatus;
import org.teavm.cache.EmptyProgramCache;
import org.teavm.dependency.PreciseDependencyAnalyzer;
import org.teavm.model.PreOptimizingClassHolderSource;
import org.teavm.model.ReferenceCache;
import org.teavm.parsing.ClasspathClassHolderSource;
import org.teavm.parsing.ClasspathResourceProvider;
import org.teavm.tooling.TeaVMToolLog;
import org.teavm.vm.DirectoryBuildTarget;
import org.teavm.vm.TeaVM;
import org.teavm.vm.TeaVMBuilder;
import org.teavm.vm.TeaVMOptimizationLevel;

/**
 * Builds one canister: Java classes to a Wasm module the IC installs.
 *
 * <ol>
 *   <li>TeaVM 0.13.1 compiles the canister class with its linear-memory WEBASSEMBLY target, with the
 *       {@code IcTeaVMPlugin} on its class path: host imports become {@code ic0} calls, and each
 *       annotated entry point gets an exported, exception-to-trap wrapper.
 *   <li>Only {@code canister_*} exports are kept (TeaVM also exports {@code memory}, {@code start},
 *       {@code _start} and some 30 {@code teavm_*} helpers that nothing on the IC calls).
 *   <li>Failure paths and run-once code are not inlined into hot code ({@code
 *       ColdCodeInliningFilter}); the data section's runs of zeros are dropped ({@link DataSegments}).
 *   <li>The Candid interface goes in the custom section {@code icp:public candid:service}.
 *   <li>Optionally, Binaryen's {@code wasm-opt -Oz} shrinks and speeds up the result ({@link
 *       #wasmOpt(Path)}).
 *   <li>{@link IcModuleValidator} checks the result; any violation fails the build, naming the rule
 *       and the item.
 * </ol>
 *
 * <p>Heap sizing: TeaVM reserves Wasm memory for the data segment, a shadow stack, and a Java heap
 * that starts at {@link #DEFAULT_MIN_HEAP} and may grow to {@link #DEFAULT_MAX_HEAP}. See the
 * constants for why these defaults.
 */
public final class CanisterBuild {
  /**
   * 1 MiB. The initial heap is claimed at instantiation, on install and after every upgrade; the IC
   * bills memory held, so it starts small. A larger minimum makes collections rarer for canisters
   * that allocate a lot per call; measured figures are in docs/performance-figures.md.
   */
  public static final int DEFAULT_MIN_HEAP = 1 << 20;

  /**
   * 256 MiB. The heap grows on demand up to this bound, and TeaVM sizes its GC tables for it at build
   * time (about 1/32 of it in static data). Far below the 4 GiB a 32-bit canister can address, it
   * keeps a runaway allocation a trap ("Out of memory") instead of a canister that fills its memory.
   */
  public static final int DEFAULT_MAX_HEAP = 256 << 20;

  private String canisterClass;
  private final List<File> classPath = new ArrayList<>();
  private Path outputDirectory;
  private String name;
  private Path candidFile;
  private int minHeapSize = DEFAULT_MIN_HEAP;
  private int maxHeapSize = DEFAULT_MAX_HEAP;
  private TeaVMToolLog log = new QuietLog();
  private boolean functionNames;
  private TeaVMOptimizationLevel optimizationLevel = TeaVMOptimizationLevel.FULL;
  private Path wasmOpt;
  private final List<String> warnings = new ArrayList<>();
  private boolean checkInterface = true;

  /**
   * The Binaryen features TeaVM 0.13.1's output uses, all of them on the IC: {@code wasm-opt} must not
   * refuse them, and must not introduce any other.
   */
  static final List<String> WASM_OPT_FEATURES =
      List.of("--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
          "--enable-mutable-globals");

  /**
   * The class whose annotated static methods are the canister's entry points.
   *
   * @param className the class's binary name
   * @return this build
   */
  public CanisterBuild canisterClass(String className) {
    this.canisterClass = className;
    return this;
  }

  /**
   * Directories and jars holding the canister's classes and the libraries it links.
   *
   * @param entries the class path's entries
   * @return this build
   */
  public CanisterBuild classPath(List<File> entries) {
    this.classPath.addAll(entries);
    return this;
  }

  /**
   * Where {@code <name>.wasm} and {@code <name>.did} are written.
   *
   * @param dir the output directory
   * @return this build
   */
  public CanisterBuild outputDirectory(Path dir) {
    this.outputDirectory = dir;
    return this;
  }

  /**
   * The canister's name: the output files' base name.
   *
   * @param name the base name
   * @return this build
   */
  public CanisterBuild name(String name) {
    this.name = name;
    return this;
  }

  /**
   * A hand-written Candid interface: embedded and copied beside the module, after the interface
   * generated from the typed entry points is checked against it. Without one, the generated
   * interface is (and every entry point must then be typed).
   *
   * @param didFile the {@code .did} file
   * @return this build
   */
  public CanisterBuild candid(Path didFile) {
    this.candidFile = didFile;
    return this;
  }

  /**
   * The Java heap's initial size, in bytes (default {@link #DEFAULT_MIN_HEAP}).
   *
   * @param bytes the initial heap size, in bytes
   * @return this build
   */
  public CanisterBuild minHeapSize(int bytes) {
    this.minHeapSize = bytes;
    return this;
  }

  /**
   * The Java heap's maximum size, in bytes (default {@link #DEFAULT_MAX_HEAP}); past it a message
   * traps with "Out of memory".
   *
   * @param bytes the maximum heap size, in bytes
   * @return this build
   */
  public CanisterBuild maxHeapSize(int bytes) {
    this.maxHeapSize = bytes;
    return this;
  }

  /**
   * TeaVM's optimization level. The default, {@code FULL}, inlines up to a large budget per method:
   * the whoami sample's calls execute 1.7 to 2 times fewer instructions than with {@code
   * ADVANCED} (which inlines only small methods and methods called once), for 18% more code
   * (222,751 against 188,769 bytes before wasm-opt).
   *
   * @param level the level
   * @return this build
   */
  public CanisterBuild optimizationLevel(TeaVMOptimizationLevel level) {
    this.optimizationLevel = level;
    return this;
  }

  /**
   * Keeps readable function names (a {@code name} section, a larger module, kept through {@code
   * wasm-opt} too): for profiling with the test kit, not for deployment.
   *
   * @param keep whether to keep function names
   * @return this build
   */
  public CanisterBuild functionNames(boolean keep) {
    this.functionNames = keep;
    return this;
  }

  /**
   * Runs Binaryen's {@code wasm-opt -Oz} (the optimizer behind {@code ic-wasm optimize} and dfx's
   * {@code optimize} setting) on the post-processed module, before validation: it drops functions
   * nothing reaches, merges blocks and locals, and folds what TeaVM leaves unfolded. For the whoami
   * sample: 222,751 to 191,343 bytes, and 14-16% fewer instructions per call. {@code null} (the
   * default) skips it. Only the features TeaVM's output already uses are enabled; custom sections
   * (the Candid interface) are kept; the validator checks the result like any other module.
   *
   * @param executable the {@code wasm-opt} executable
   * @return this build
   */
  public CanisterBuild wasmOpt(Path executable) {
    this.wasmOpt = executable;
    return this;
  }

  /**
   * The build's own warnings, after {@link #run()}: today, each {@code ic0} entry a {@code
   * @StaticInit} initializer may reach although the start function, where it runs, may not call it
   * ({@link StartFunctionCheck}). They also go to the log.
   *
   * @return the warnings
   */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Whether the Candid interface is checked (the default): a hand-written one against the generated
   * one, and without one every entry point typed. Off, for test canisters whose interface nobody
   * reads, a hand-written file is embedded as it is and otherwise the typed methods' interface.
   *
   * @param check whether to check
   * @return this build
   */
  public CanisterBuild checkInterface(boolean check) {
    this.checkInterface = check;
    return this;
  }

  /**
   * Where TeaVM's messages go (by default, a quiet log).
   *
   * @param log the log
   * @return this build
   */
  public CanisterBuild log(TeaVMToolLog log) {
    this.log = log;
    return this;
  }

  /**
   * Builds, post-processes and validates; returns the written module's path.
   *
   * @return the module's path
   * @throws CanisterBuildException when TeaVM reports errors, the interface check fails or the
   *     module breaks an IC rule
   */
  public Path run() throws CanisterBuildException {
    Objects.requireNonNull(canisterClass, "canisterClass");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(name, "name");
    if (minHeapSize <= 0 || maxHeapSize < minHeapSize) {
      throw new CanisterBuildException(
          "heap sizes must satisfy 0 < minHeapSize <= maxHeapSize; got "
              + minHeapSize
              + " and "
              + maxHeapSize);
    }
    String handWritten = null;
    if (candidFile != null) {
      try {
        handWritten = Files.readString(candidFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new CanisterBuildException("cannot read the Candid interface " + candidFile, e);
      }
    }
    try {
      Path work = Files.createTempDirectory("icjava-teavm");
      try {
        CanisterInterface iface = scanInterface();
        List<File> teavmClassPath = new ArrayList<>(classPath);
        if (iface.typed()) {
          Path glueClasses = work.resolve("glue-classes");
          try {
            GlueCompiler.compile(CanisterInterface.glueClassName(canisterClass), GlueSource.of(iface), javacClassPath(),
                outputDirectory.resolve(name + "-glue"), glueClasses);
          } catch (IllegalStateException e) {
            throw new CanisterBuildException(e.getMessage(), e);
          }
          teavmClassPath.add(0, glueClasses.toFile());
        }
        CandidStorables storables = findStorables();
        if (!storables.isEmpty()) {
          // Storable.candid(X.class) calls: their Storables, beside the glue (CandidStorableTransformer)
          Path glueClasses = work.resolve("glue-classes");
          try {
            GlueCompiler.compile(CandidStorables.className(canisterClass), storables.source(), javacClassPath(),
                outputDirectory.resolve(name + "-glue"), glueClasses);
          } catch (IllegalStateException e) {
            throw new CanisterBuildException(e.getMessage(), e);
          }
          if (!teavmClassPath.contains(glueClasses.toFile())) {
            teavmClassPath.add(0, glueClasses.toFile());
          }
        }
        // An interface that does not match is reported after the compiler's and the IC's rules,
        // which say more about a canister that cannot be built at all.
        String candid;
        CanisterBuildException interfaceProblem = null;
        try {
          candid = candidInterface(iface, handWritten);
        } catch (CanisterBuildException e) {
          interfaceProblem = e;
          candid = handWritten != null ? handWritten : "";
        }
        byte[] raw = compile(work, teavmClassPath);
        byte[] module = postProcess(raw, candid);
        if (wasmOpt != null) {
          module = optimize(module, work);
        }
        module = dropCallbackExports(module);
        List<Violation> violations = IcModuleValidator.validate(module);
        if (!violations.isEmpty()) {
          StringBuilder sb = new StringBuilder("the module breaks the IC's rules:");
          for (Violation v : violations) {
            sb.append("\n  ").append(v);
          }
          throw new CanisterBuildException(sb.toString(), violations);
        }
        if (interfaceProblem != null) {
          throw interfaceProblem;
        }
        Files.createDirectories(outputDirectory);
        Path wasm = outputDirectory.resolve(name + ".wasm");
        Files.write(wasm, module);
        Path did = outputDirectory.resolve(name + ".did");
        if (!Files.exists(did) || candidFile == null || !Files.isSameFile(did, candidFile)) {
          Files.writeString(did, candid, StandardCharsets.UTF_8);
        }
        return wasm;
      } finally {
        deleteTree(work);
      }
    } catch (IOException e) {
      throw new CanisterBuildException("I/O failure while building " + name, e);
    }
  }

  /**
   * The prefix of the exports that name the callback entry points of inter-canister calls ({@code
   * dev.icjava.runtime.internal.Callbacks}): kept through {@code wasm-opt}, then dropped. The IC calls those
   * functions through the table, which Binaryen cannot see: for a table no one imports or exports,
   * its {@code remove-unused-module-elements} empties (to {@code unreachable}) every table function
   * whose type no {@code call_indirect} of the module uses, and no Java code calls a callback. An
   * export keeps them whole; the export itself is useless on the IC, so it goes afterwards.
   */
  public static final String CALLBACK_EXPORT_PREFIX = "icjava:callback:";

  /**
   * Keeps only {@code canister_*} exports (and, until {@link #dropCallbackExports}, the callback
   * entry points'), drops the data section's zero runs ({@link DataSegments}) and adds the Candid
   * interface as metadata.
   *
   * @param teavmOutput the module TeaVM wrote
   * @param candid the Candid interface to embed
   * @return the post-processed module
   */
  public static byte[] postProcess(byte[] teavmOutput, String candid) {
    WasmSections module = WasmSections.parse(teavmOutput);
    Exports.retain(module, e -> e.name().startsWith("canister_") || e.name().startsWith(CALLBACK_EXPORT_PREFIX));
    DataSegments.splitAtZeroRuns(module);
    module.removeCustom("icp:public candid:service");
    module.addCustom("icp:public candid:service", candid.getBytes(StandardCharsets.UTF_8));
    return module.toBytes();
  }

  /** The canister class's entry points, read by reflection (its static initialisers do not run). */
  private CanisterInterface scanInterface() throws CanisterBuildException, IOException {
    try (URLClassLoader loader = new URLClassLoader(urls(classPath), CanisterBuild.class.getClassLoader())) {
      Class<?> c;
      try {
        c = Class.forName(canisterClass, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new CanisterBuildException("cannot load the canister class " + canisterClass + ": " + e, e);
      }
      try {
        return CanisterInterface.scan(c);
      } catch (IllegalArgumentException e) {
        throw new CanisterBuildException(e.getMessage(), e);
      } catch (LinkageError e) {
        throw new CanisterBuildException("cannot read the entry points of " + canisterClass + ": " + e, e);
      }
    }
  }

  /**
   * The {@code Storable.candid(X.class)} calls in the classes the canister class uses, over what
   * the glue is compiled against (libraries included), mapped ({@link CandidStorables}).
   */
  private CandidStorables findStorables() throws CanisterBuildException, IOException {
    try (URLClassLoader loader = new URLClassLoader(urls(classPath), CanisterBuild.class.getClassLoader())) {
      return CandidStorables.find(canisterClass, javacClassPath(), loader);
    } catch (IllegalArgumentException e) {
      throw new CanisterBuildException(e.getMessage(), e);
    }
  }

  /**
   * The interface to embed: the hand-written one after the generated one is checked against it
   * ({@link InterfaceCheck}), or the generated one, which needs every entry point typed.
   */
  private String candidInterface(CanisterInterface iface, String handWritten) throws CanisterBuildException {
    DidFile generated = iface.did();
    if (!checkInterface) {
      return handWritten != null ? handWritten : generated.render();
    }
    if (handWritten == null) {
      if (!iface.rawEntries().isEmpty()) {
        CanisterInterface.Entry e = iface.rawEntries().get(0);
        throw new CanisterBuildException("entry point " + e.name() + " (" + e.javaName() + ") replies by hand, so"
            + " its Candid type cannot be generated: declare its result type, or configure a hand-written .did");
      }
      return generated.render();
    }
    DidFile declared;
    try {
      declared = DidFile.parse(handWritten);
    } catch (IllegalArgumentException e) {
      throw new CanisterBuildException("cannot read " + candidFile + ": " + e.getMessage(), e);
    }
    String problem = InterfaceCheck.firstDifference(iface, generated, declared);
    if (problem != null) {
      throw new CanisterBuildException(candidFile + " does not describe " + canisterClass + ": " + problem
          + "\n  generated interface:\n" + generated.render().indent(4));
    }
    for (String warning : InterfaceCheck.warnings(iface, generated, declared)) {
      log.warning(warning);
    }
    return handWritten;
  }

  /**
   * What the glue is compiled against: the given class path, then what TeaVM also sees through this
   * class's loader (tests and runners pass their own classes and inherit the libraries).
   */
  private List<File> javacClassPath() {
    List<File> out = new ArrayList<>(classPath);
    for (ClassLoader l = CanisterBuild.class.getClassLoader(); l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader u) {
        for (URL url : u.getURLs()) {
          try {
            out.add(new File(url.toURI()));
          } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            // not a file: nothing javac could read
          }
        }
      }
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        out.add(new File(entry));
      }
    }
    return out;
  }

  private static URL[] urls(List<File> entries) throws CanisterBuildException {
    URL[] urls = new URL[entries.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = entries.get(i).toURI().toURL();
      } catch (MalformedURLException e) {
        throw new CanisterBuildException("bad class path entry " + entries.get(i), e);
      }
    }
    return urls;
  }

  private byte[] compile(Path work, List<File> classPath) throws CanisterBuildException, IOException {
    URL[] urls = urls(classPath);
    try (URLClassLoader loader = new URLClassLoader(urls, CanisterBuild.class.getClassLoader());
        ClasspathResourceProvider resources = new ClasspathResourceProvider(loader)) {
      // TeaVMTool's WEBASSEMBLY path, with this project's target (see CanisterWasmTarget).
      CanisterWasmTarget target = new CanisterWasmTarget();
      target.setRuntimeType(WasmRuntimeType.TEAVM);
      target.setMinHeapSize(minHeapSize);
      target.setMaxHeapSize(maxHeapSize);
      target.setObfuscated(!functionNames);
      ReferenceCache references = new ReferenceCache();
      TeaVM vm =
          new TeaVMBuilder(target)
              .setReferenceCache(references)
              .setClassLoader(loader)
              .setClassSource(new PreOptimizingClassHolderSource(new ClasspathClassHolderSource(resources, references)))
              .setResourceProvider(resources)
              .setDependencyAnalyzerFactory(PreciseDependencyAnalyzer::new)
              .setObfuscated(!functionNames)
              .build();
      vm.setProgramCache(EmptyProgramCache.INSTANCE);
      vm.setCacheStatus(AlwaysStaleCacheStatus.INSTANCE);
      vm.setOptimizationLevel(optimizationLevel);
      java.util.Properties properties = new java.util.Properties();
      properties.setProperty("icjava.canisterClass", canisterClass); // read by IcTeaVMPlugin
      vm.setProperties(properties);
      vm.installPlugins();
      vm.setEntryPoint(CanisterStart.class.getName());
      vm.setEntryPointName("main");
      vm.preserveType(canisterClass);
      vm.build(new DirectoryBuildTarget(work.toFile()), name + ".wasm");
      List<Problem> severe = vm.getProblemProvider().getSevereProblems();
      if (!severe.isEmpty()) {
        StringBuilder sb = new StringBuilder("TeaVM could not compile " + canisterClass + ":");
        for (Problem p : severe) {
          sb.append("\n  ").append(describe(p));
        }
        throw new CanisterBuildException(sb.toString());
      }
      for (Problem p : vm.getProblemProvider().getProblems()) {
        if (p.getSeverity() == ProblemSeverity.WARNING) {
          log.warning(describe(p));
        }
      }
      for (String w : StartFunctionCheck.warnings(vm.getDependencyInfo())) {
        warnings.add(w);
        log.warning(w);
      }
      Path out = work.resolve(name + ".wasm");
      if (!Files.exists(out)) {
        throw new CanisterBuildException("TeaVM wrote no module for " + canisterClass);
      }
      return Files.readAllBytes(out);
    } catch (RuntimeException e) {
      throw new CanisterBuildException("TeaVM failed: " + e, e);
    }
  }

  /** Keeps only the {@code canister_*} exports (the functions stay, in the table). */
  static byte[] dropCallbackExports(byte[] module) {
    WasmSections sections = WasmSections.parse(module);
    Exports.retain(sections, e -> e.name().startsWith("canister_"));
    return sections.toBytes();
  }

  private byte[] optimize(byte[] module, Path work) throws CanisterBuildException, IOException {
    if (!Files.isExecutable(wasmOpt)) {
      throw new CanisterBuildException(
          "wasm-opt not found at " + wasmOpt + " (npm binaryen provides it: run `npm ci` in tools/node)");
    }
    Path in = work.resolve(name + ".pre-opt.wasm");
    Path out = work.resolve(name + ".opt.wasm");
    Files.write(in, module);
    List<String> command = new ArrayList<>();
    command.add(wasmOpt.toString());
    command.addAll(WASM_OPT_FEATURES);
    if (functionNames) {
      command.add("-g"); // keep the name section through the optimizer, for profiles
    }
    command.addAll(List.of("-Oz", in.toString(), "-o", out.toString()));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new CanisterBuildException("wasm-opt failed on " + name + ":\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CanisterBuildException("interrupted while running wasm-opt", e);
    }
    return Files.readAllBytes(out);
  }

  private static String describe(Problem p) {
    DefaultProblemTextConsumer text = new DefaultProblemTextConsumer();
    p.render(text);
    StringBuilder sb = new StringBuilder(text.getText());
    if (p.getLocation() != null && p.getLocation().getMethod() != null) {
      sb.append(" (in ").append(p.getLocation().getMethod()).append(")");
    }
    return sb.toString();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Passes TeaVM's errors and warnings through, drops its progress chatter. */
  private static final class QuietLog implements TeaVMToolLog {
    @Override
    public void info(String text) {}

    @Override
    public void debug(String text) {}

    @Override
    public void warning(String text) {
      System.err.println("[teavm] warning: " + text);
    }

    @Override
    public void error(String text) {
      System.err.println("[teavm] error: " + text);
    }

    @Override
    public void info(String text, Throwable e) {}

    @Override
    public void debug(String text, Throwable e) {}

    @Override
    public void warning(String text, Throwable e) {
      warning(text);
    }

    @Override
    public void error(String text, Throwable e) {
      error(text + ": " + e);
    }
  }
}
