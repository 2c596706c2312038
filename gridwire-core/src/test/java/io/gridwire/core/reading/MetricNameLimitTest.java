package io.gridwire.core.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricNameLimitTest {
  private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

  private static Reading reading(String device, String... names) {
    Map<String, Value> values = new LinkedHashMap<>();
    for (String n : names) values.put(n, Value.of(1.0));
    return new Reading(device, T, T, values);
  }

  @Test
  void namesWithinTheBound_sameReadingPasses() {
    MetricNameLimit limit = new MetricNameLimit(3);
    Reading r = reading("d", "a", "b", "c");
    assertThat(limit.admit(r).reading()).isSameAs(r);
    Reading again = reading("d", "c", "a");
    MetricNameLimit.Admitted a = limit.admit(again);
    assertThat(a.reading()).isSameAs(again);
    assertThat(a.refused()).isEmpty();
  }

  @Test
  void newNamesPastTheBound_refusedPerDevice_knownNamesStillPass() {
    MetricNameLimit limit = new MetricNameLimit(3);
    limit.admit(reading("d", "a", "b"));
    MetricNameLimit.Admitted a = limit.admit(reading("d", "a", "c", "x", "y"));
    assertThat(a.reading().values()).containsOnlyKeys("a", "c");
    assertThat(a.refused()).containsExactly("x", "y");
    assertThat(a.explain()).startsWith("2 metric name(s) refused (x, y)");
    assertThat(limit.admit(reading("d", "b", "x")).reading().values()).containsOnlyKeys("b");
    assertThat(limit.admit(reading("other", "x", "y", "z")).refused()).as("another device has its own bound").isEmpty();
  }

  @Test
  void overlongName_refusedEvenUnderTheBound() {
    MetricNameLimit limit = new MetricNameLimit(10);
    String longName = "n".repeat(MetricNameLimit.MAX_NAME_CHARS + 1);
    MetricNameLimit.Admitted a = limit.admit(reading("d", "ok", longName));
    assertThat(a.reading().values()).containsOnlyKeys("ok");
    assertThat(a.refused()).containsExactly(longName);
    assertThat(a.explain()).contains("n".repeat(40) + "…").doesNotContain("n".repeat(41));
    assertThat(limit.admit(reading("d", "n".repeat(MetricNameLimit.MAX_NAME_CHARS))).refused()).isEmpty();
  }

  @Test
  void everyNameRefused_emptyReadingKeepsItsTimes() {
    MetricNameLimit limit = new MetricNameLimit(1);
    limit.admit(reading("d", "a"));
    MetricNameLimit.Admitted a = limit.admit(reading("d", "b"));
    assertThat(a.reading().values()).isEmpty();
    assertThat(a.reading().timestamp()).isEqualTo(T);
    assertThat(a.reading().deviceId()).isEqualTo("d");
  }

  @Test
  void forget_aRemovedDeviceStartsAfresh() {
    MetricNameLimit limit = new MetricNameLimit(1);
    limit.admit(reading("d", "a"));
    assertThat(limit.admit(reading("d", "b")).refused()).containsExactly("b");
    limit.forget("d");
    assertThat(limit.admit(reading("d", "b")).refused()).isEmpty();
  }

  /** A message of thousands of new names past the bound costs time in proportion to its size, not its square. */
  @Test
  void manyRefusedNames_linear() {
    MetricNameLimit limit = new MetricNameLimit(1);
    String[] names = new String[50_001];
    for (int i = 0; i < names.length; i++) names[i] = "m" + i;
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> {
      MetricNameLimit.Admitted a = limit.admit(reading("d", names));
      assertThat(a.reading().values()).containsOnlyKeys("m0");
      assertThat(a.refused()).hasSize(50_000);
      MetricNameLimit.Admitted none = limit.admit(reading("d", java.util.Arrays.copyOfRange(names, 1, names.length)));
      assertThat(none.reading().values()).isEmpty();
    });
  }

  @Test
  void trimmedReading_valuesUnmodifiableInOrder_gapKept() {
    MetricNameLimit limit = new MetricNameLimit(2);
    Map<String, Value> values = new LinkedHashMap<>();
    values.put("z", Value.of(1.0));
    values.put("x", Value.of(2.0));
    values.put("a", Value.of(3.0));
    Reading gap = new Reading("d", T, T, values, true);
    Reading out = limit.admit(gap).reading();
    assertThat(out.values().keySet()).containsExactly("z", "x");
    assertThat(out.gap()).isTrue();
    org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> out.values().put("q", Value.of(0.0)));
  }

  /** Past the devices it tracks, a new device's names are refused: the limit never fails open. */
  @Test
  void pastTheTrackedDevices_newDevicesRefused() {
    MetricNameLimit limit = new MetricNameLimit(1);
    for (int i = 0; i < MetricNameLimit.MAX_DEVICES; i++) limit.admit(reading("d" + i, "a"));
    assertThat(limit.admit(reading("late", "a")).refused()).containsExactly("a");
    assertThat(limit.admit(reading("d7", "a")).refused()).as("a tracked device keeps its names").isEmpty();
    limit.forget("d7");
    assertThat(limit.admit(reading("late", "a")).refused()).as("a place freed by a removal").isEmpty();
  }
}
