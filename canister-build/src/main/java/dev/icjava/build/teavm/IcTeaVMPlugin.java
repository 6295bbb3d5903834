package dev.icjava.build.teavm;

import org.teavm.backend.wasm.TeaVMWasmHost;
import org.teavm.classlib.impl.JCLPlugin;
import org.teavm.model.MethodReference;
import org.teavm.model.ValueType;
import org.teavm.vm.spi.After;
import org.teavm.vm.spi.TeaVMHost;
import org.teavm.vm.spi.TeaVMPlugin;

/**
 * Makes TeaVM's linear-memory Wasm output a canister: host imports of module {@code teavm} are
 * replaced by code over {@code ic0} ({@link RuntimeImportsTransformer}), one allocation larger than
 * the heap's free space grows the heap ({@link HeapGrowthTransformer}), {@code canister_pre_upgrade}
 * refuses upgrades while inter-canister calls are outstanding ({@link UpgradeGuardTransformer}, before
 * the wrappers are made), {@code canister_global_timer} runs the library's timers and then the
 * canister's own {@code @GlobalTimer} method ({@link GlobalTimerTransformer}, before them too; the
 * timers' executor is linked when a timer can be set, {@link TimerExecutorLinker}),
 * every method annotated as a canister entry point gets an exported wrapper
 * that turns uncaught exceptions into traps ({@link EntryPointTransformer}), and the callback entry
 * points of inter-canister calls get their places in the function table ({@link
 * CallbackTableIntrinsic}), and {@code Storable.candid} returns the Storables the build generated
 * ({@link CandidStorableTransformer}). Strings are built and read without needless copies ({@link
 * StringTransformer}, {@link StringConcatSubstitutor}: installed after TeaVM's class library plugin,
 * whose string concatenation this one replaces). Found by TeaVM through {@code META-INF/services}.
 */
@After(JCLPlugin.class)
public final class IcTeaVMPlugin implements TeaVMPlugin {
  @Override
  public void install(TeaVMHost host) {
    host.add(new RuntimeImportsTransformer());
    host.add(new HeapGrowthTransformer());
    host.add(new UpgradeGuardTransformer(host.getProperties().getProperty(UpgradeGuardTransformer.CANISTER_CLASS)));
    host.add(new GlobalTimerTransformer(host.getProperties().getProperty(UpgradeGuardTransformer.CANISTER_CLASS)));
    host.add(new TimerExecutorLinker());
    host.add(new EntryPointTransformer(host.getProperties().getProperty(UpgradeGuardTransformer.CANISTER_CLASS)));
    host.add(new CandidStorableTransformer(host.getProperties().getProperty(UpgradeGuardTransformer.CANISTER_CLASS)));
    host.add(new StringTransformer());
    StringConcatSubstitutor concat = new StringConcatSubstitutor();
    ValueType lookup = ValueType.object("java.lang.invoke.MethodHandles$Lookup");
    ValueType string = ValueType.object("java.lang.String");
    ValueType methodType = ValueType.object("java.lang.invoke.MethodType");
    ValueType callSite = ValueType.object("java.lang.invoke.CallSite");
    host.add(new MethodReference("java.lang.invoke.StringConcatFactory", "makeConcat",
        lookup, string, methodType, callSite), concat);
    host.add(new MethodReference("java.lang.invoke.StringConcatFactory", "makeConcatWithConstants",
        lookup, string, methodType, string, ValueType.arrayOf(ValueType.object("java.lang.Object")), callSite),
        concat);
    TeaVMWasmHost wasm = host.getExtension(TeaVMWasmHost.class);
    if (wasm != null) {
      wasm.add(new CallbackTableIntrinsic());
    }
  }
}
