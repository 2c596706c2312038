package io.gridwire.core.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.event.Event;
import io.gridwire.core.user.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlarmRoutesTest {
  private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
  private final Bus<Event> events = new Bus<>("events", e -> "");
  private final AlarmBook book = new AlarmBook(events, new MapAlarmStore(), Clock.fixed(T, ZoneOffset.UTC),
      Duration.ZERO, id -> "plant-a");
  private final List<ApiRoute> routes = new AlarmRoutes(book).routes();

  @AfterEach
  void close() {
    book.close();
    events.close();
  }

  private Object call(int route, Map<String, String> path, Map<String, List<String>> query) throws Exception {
    return routes.get(route).handler().handle(new ApiRequest(path, query, new byte[0], "ops@example.com", true, "127.0.0.1"))
        .body();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  @Test
  void list_activeAlarm_jsonWithIdAndFilters() throws Exception {
    book.report(new AlarmSignal("gen-1", "shutdown_low_oil_pressure", "Low oil pressure", Severity.CRITICAL, "shutdown",
        true, T, Map.of("oil_pressure", 60.0)));

    List<?> all = (List<?>) call(0, Map.of(), Map.of("severity", List.of("CRITICAL")));
    assertThat(all).singleElement().satisfies(a -> assertThat(asMap(a))
        .containsEntry("id", "gen-1:shutdown_low_oil_pressure").containsEntry("state", "active")
        .containsEntry("site", "plant-a").containsEntry("raised_at", "2026-03-01T10:00:00Z"));
    assertThat((List<?>) call(0, Map.of(), Map.of("device_id", List.of("gen-2")))).isEmpty();
  }

  @Test
  void list_badSeverityOrParameter_400() {
    assertThatThrownBy(() -> call(0, Map.of(), Map.of("severity", List.of("urgent"))))
        .isInstanceOf(ApiException.class).hasMessageContaining("severity");
    assertThatThrownBy(() -> call(0, Map.of(), Map.of("sevrity", List.of("info"))))
        .isInstanceOf(ApiException.class).hasMessageContaining("unknown query parameter 'sevrity'");
  }

  @Test
  void ack_operatorRoute_recordsWhoOr404() throws Exception {
    assertThat(routes.get(1).role()).isEqualTo(Role.OPERATOR); // acknowledging is an operator's job (docs/roles.md)
    book.report(new AlarmSignal("gen-1", "warning_low_fuel_level", "Low fuel level", Severity.WARNING, "warning", true, T,
        Map.of()));

    Map<String, Object> acked = asMap(call(1, Map.of("id", "gen-1:warning_low_fuel_level"), Map.of()));

    assertThat(acked).containsEntry("acked_by", "ops@example.com").containsEntry("acked_at", T.toString());
    assertThatThrownBy(() -> call(1, Map.of("id", "gen-1:nothing"), Map.of()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
