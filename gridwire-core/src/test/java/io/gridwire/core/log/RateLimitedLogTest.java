package io.gridwire.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class RateLimitedLogTest {
  private final List<String> lines = new ArrayList<>();
  private final ManualClock clock = new ManualClock();
  private final RateLimitedLog log = new RateLimitedLog(capturing(lines), clock, Duration.ofMinutes(1));

  @Test
  void firstOccurrenceLogsAtOnce_repeatsWithinThePeriodAreCountedIntoTheNextLine() {
    assertThat(log.warn("bad", "bad frame")).isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(log.warn("bad", "bad frame")).isFalse();
    clock.advance(Duration.ofSeconds(49));
    assertThat(log.warn("bad", "bad frame")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(log.warn("bad", "bad frame again")).isTrue();
    clock.advance(Duration.ofMinutes(5));
    assertThat(log.warn("bad", "quiet since")).isTrue();

    assertThat(lines).containsExactly("bad frame", "bad frame again (2 more of this kind in the last 60 s)", "quiet since");
  }

  @Test
  void keysAreLimitedApart() {
    assertThat(log.warn("a", "a1")).isTrue();
    assertThat(log.warn("b", "b1")).isTrue();
    assertThat(log.warn("a", "a2")).isFalse();
    assertThat(lines).containsExactly("a1", "b1");
  }

  @Test
  void messageFunctionGetsTheOccurrencesSinceTheLastLine_andIsOnlyBuiltWhenLogged() {
    List<Long> built = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      log.warn("k", n -> {
        built.add(n);
        return n + " refused";
      });
      clock.advance(Duration.ofSeconds(20));
    }
    // t=0 logs 1; t=20,40 suppressed; t=60 logs 3 (20, 40, 60); t=80 suppressed
    assertThat(built).containsExactly(1L, 3L);
    assertThat(lines).containsExactly("1 refused", "3 refused");
  }

  @Test
  void aClockThatStepsBackDoesNotLogUntilThePeriodHasPassedAgain() {
    log.warn("k", "one");
    clock.advance(Duration.ofMinutes(-10));
    assertThat(log.warn("k", "two")).isFalse();
    clock.advance(Duration.ofMinutes(11));
    assertThat(log.warn("k", "three")).isTrue();
  }

  static Logger capturing(List<String> lines) {
    return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
        (proxy, method, args) -> {
          if (method.getName().equals("warn") && args.length == 1) lines.add((String) args[0]);
          if (method.getReturnType() == boolean.class) return true;
          return method.getName().equals("getName") ? "test" : null;
        });
  }

  static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
