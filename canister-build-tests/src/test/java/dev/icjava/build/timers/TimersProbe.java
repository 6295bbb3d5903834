package dev.icjava.build.timers;

import dev.icjava.runtime.GlobalTimer;
import dev.icjava.runtime.Query;
import dev.icjava.runtime.SystemApi;
import dev.icjava.runtime.Timers;
import dev.icjava.runtime.Update;

/**
 * Library timers beside the canister's own {@code @GlobalTimer}, for {@code TimersTest}: each task
 * appends its name to a log on the heap ({@code ran}).
 */
public final class TimersProbe {
  static final long SECOND = 1_000_000_000L;
  private static final StringBuilder RAN = new StringBuilder();

  private TimersProbe() {}

  /**
   * Five timers set out of deadline order, one of which appends and then throws, and one cancelled:
   * "true" when the cancelled one was waiting.
   */
  @Update("schedule")
  public static String schedule() {
    Timers.setTimer(3 * SECOND, () -> RAN.append("c "));
    Timers.setTimer(SECOND, () -> RAN.append("a "));
    Timers.setTimer(SECOND, () -> {
      RAN.append("x ");
      throw new IllegalStateException("boom");
    });
    Timers.setTimer(SECOND, () -> RAN.append("a2 "));
    Timers.setTimer(2 * SECOND, () -> RAN.append("b "));
    long cancelled = Timers.setTimer(SECOND, () -> RAN.append("cancelled "));
    return String.valueOf(Timers.clearTimer(cancelled));
  }

  /** Sets the canister's own timer 1.5 s from now; the previous deadline, as text. */
  @Update("setOwnTimer")
  public static String setOwnTimer() {
    return Long.toString(SystemApi.globalTimerSet(SystemApi.time() + 3 * SECOND / 2));
  }

  /** The canister's own timer. */
  @GlobalTimer
  public static void own() {
    RAN.append("own ");
  }

  /** What has run, in order. */
  @Query("ran")
  public static String ran() {
    return RAN.toString();
  }
}
