package dev.icjava.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An ingress call submitted to the replica ({@link LocalReplica#submit}) and the tree of messages it
 * causes: the method's message, the calls it makes, their callees' messages, the callbacks. {@link
 * #result()} is the final answer to the user once the tree has produced one; {@link #executions()}
 * every message run for it so far, in order.
 */
public final class Ingress {
  private final List<Execution> executions = new ArrayList<>();
  private CallResult result;

  Ingress() {}

  /**
   * Whether the user has been answered.
   *
   * @return whether the call has been answered
   */
  public boolean answered() {
    return result != null;
  }

  /**
   * The answer: the reply, reject or trap that ended the call for its user, with the instructions of
   * every message of the tree run until then (totals in {@link CallResult#instructions()} and {@link
   * CallResult#icInstructions()}, each message in {@link CallResult#executions()}). Throws {@link
   * IllegalStateException} while no answer has come.
   *
   * @return the answer
   */
  public CallResult result() {
    if (result == null) {
      throw new IllegalStateException("the call has not been answered yet: run the replica (LocalReplica.runUntilIdle)");
    }
    // a call refused by inspection ran no message: its result carries the inspection's counts
    return executions.isEmpty() ? result : result.withExecutions(List.copyOf(executions));
  }

  /**
   * Every message run for this call so far, in order.
   *
   * @return the executions
   */
  public List<Execution> executions() {
    return Collections.unmodifiableList(executions);
  }

  void record(Execution e) {
    executions.add(e);
  }

  void answer(CallResult r) {
    if (result == null) {
      result = r;
    }
  }
}
