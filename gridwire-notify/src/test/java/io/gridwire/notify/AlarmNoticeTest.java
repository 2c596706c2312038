package io.gridwire.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwire.core.alarm.Severity;
import io.gridwire.core.event.Event;
import io.gridwire.core.event.EventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlarmNoticeTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void from_raisedEvent_readsContractKeys() {
    AlarmNotice n = AlarmNotice.from(AlarmEvents.raised(T, "gen-1", "low_oil", "critical", "north", "0.8")).orElseThrow();
    assertThat(n.raised()).isTrue();
    assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(n.site()).isEqualTo("north");
    assertThat(n.alarmClass()).isEqualTo("shutdown");
    assertThat(n.values()).isEqualTo(Map.of("oil_pressure", "0.8"));
  }

  @Test
  void from_otherEvent_isEmpty() {
    assertThat(AlarmNotice.from(Event.of(T, "gen-1", EventType.DEVICE_ONLINE, "online"))).isEmpty();
  }

  @Test
  void filter_severityAndSite_bothMustMatch() {
    NoticeFilter f = new NoticeFilter(Set.of(Severity.CRITICAL), List.of("north"));
    assertThat(f.matches(AlarmNotice.from(AlarmEvents.raised(T, "g", "a", "critical", "north", null)).orElseThrow())).isTrue();
    assertThat(f.matches(AlarmNotice.from(AlarmEvents.raised(T, "g", "a", "warning", "north", null)).orElseThrow())).isFalse();
    assertThat(f.matches(AlarmNotice.from(AlarmEvents.raised(T, "g", "a", "critical", "south", null)).orElseThrow())).isFalse();
    assertThat(f.matches(AlarmNotice.from(AlarmEvents.raised(T, "g", "a", "critical", null, null)).orElseThrow())).isFalse();
  }
}
