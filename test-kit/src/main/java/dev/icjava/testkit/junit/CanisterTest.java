package dev.icjava.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test class whose tests get a canister installed in a fresh local replica: declare a
 * parameter of type {@link dev.icjava.testkit.TestCanister} (typed calls), {@link
 * dev.icjava.testkit.Canister} (bytes, counts) or {@link dev.icjava.testkit.LocalReplica} in a test,
 * {@code @BeforeEach} or constructor.
 *
 * <pre>{@code
 * @CanisterTest(wasm = "target/backend.wasm", environment = "trusted_attribute_signers=rdmx6-jaaaa-aaaaa-aaadq-cai")
 * class BackendTest {
 *   @Test
 *   void shouldAnswerAnonymous(TestCanister backend) {
 *     assertEquals("anonymous", backend.query("whoAmI"));
 *   }
 * }
 * }</pre>
 *
 * <p>Lifecycle, as a Java developer expects from the keyword: each test method gets its own replica
 * and install (state never leaks between tests); a parameter of a {@code static @BeforeAll} method
 * gets one install for the class, which the tests then share. The module is read once per JVM.
 *
 * <p>Which module: {@link #wasm()}, a path relative to the working directory (Maven runs tests in
 * the module's directory), as the {@code canister-maven-plugin} wrote it; its execution must be
 * bound to a phase before {@code test} ({@code process-classes}). When that file does not exist and
 * {@link #canister()} names the canister class, the extension builds the module itself from the
 * test's class path (into {@code target/canister-test/}), so a test also runs from an IDE.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(CanisterExtension.class)
public @interface CanisterTest {
  /**
   * The module file, relative to the working directory, for example {@code target/backend.wasm}.
   *
   * @return the module file, or empty
   */
  String wasm() default "";

  /**
   * The canister class, built when {@link #wasm()} is empty or names no file; {@code void} for
   * none.
   *
   * @return the canister class, or {@code void.class}
   */
  Class<?> canister() default void.class;

  /**
   * Canister environment variables at install, each {@code name=value}.
   *
   * @return the variables, each {@code name=value}
   */
  String[] environment() default {};

  /**
   * Whether a round runs after the install (system tasks: a global timer set in {@code
   * canister_init} fires), as on the IC before users' calls arrive. Default {@code true}.
   *
   * @return whether a round runs after the install
   */
  boolean round() default true;
}
