package io.gridwire.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.app.config.AlarmRuleConfig;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.bus.Bus;
import io.gridwire.core.device.DeviceRegistry;
import io.gridwire.core.event.Event;
import io.gridwire.core.reading.MetricCatalog;
import io.gridwire.core.reading.Reading;
import io.gridwire.core.user.Role;
import io.gridwire.rules.RuleEngine;
import io.gridwire.testkit.ManualClock;
import io.gridwire.testkit.alarm.RecordingAlarmSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmRuleRoutesTest {
  @TempDir Path dir;
  private final ManualClock clock = ManualClock.at("2026-01-01T00:00:00Z");
  private final Bus<Event> events = new Bus<>("events", e -> "");
  private final RecordingAlarmSink sink = new RecordingAlarmSink();
  private final List<AlarmRuleConfig> configured = List.of(new AlarmRuleConfig("hot", null, "critical", "threshold",
      "temp", null, null, null, null, 90.0, null, null, null, null, null, null));

  private static final String FUEL = """
      {"id": "fuel_low", "type": "threshold", "metric": "fuel_level", "below": 20, "clear_at": 22, "hold": "10m"}""";

  @AfterEach
  void close() {
    events.close();
  }

  private RuleEngine engine() {
    return new RuleEngine(List.of(), new DeviceRegistry(events, clock), new MetricCatalog(), sink, clock);
  }

  private static ApiRoute route(List<ApiRoute> routes, String method) {
    return routes.stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow();
  }

  private static Object call(List<ApiRoute> routes, String method, String body, Map<String, String> path) throws Exception {
    return route(routes, method).handler().handle(new ApiRequest(path, Map.of(), body.getBytes(StandardCharsets.UTF_8),
        "admin@example.org", true, "127.0.0.1")).body();
  }

  @Test
  void routes_writes_needAdmin() {
    List<ApiRoute> routes = new AlarmRuleRoutes(engine(), configured, dir).routes();
    assertThat(route(routes, "GET").role()).isEqualTo(Role.VIEWER);
    assertThat(route(routes, "POST").role()).isEqualTo(Role.ADMIN);
    assertThat(route(routes, "DELETE").role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void post_validRule_isEvaluatedListedAndKeptAcrossRestart() throws Exception {
    RuleEngine engine = engine();
    List<ApiRoute> routes = new AlarmRuleRoutes(engine, configured, dir).routes();
    call(routes, "POST", FUEL, Map.of());
    engine.onReading(Reading.builder("gen-1", clock.instant(), clock.instant()).put("fuel_level", 50).build());
    assertThat(sink.state("gen-1", "rule_fuel_low")).isFalse();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> listed = (List<Map<String, Object>>) call(routes, "GET", "", Map.of());
    assertThat(listed).extracting(m -> m.get("id") + ":" + m.get("source")).containsExactly("hot:config", "fuel_low:api");
    assertThat(listed.get(1)).containsEntry("hold", "10m").containsEntry("clear_at", 22.0);

    RuleEngine restarted = engine();
    new AlarmRuleRoutes(restarted, configured, dir);
    assertThat(restarted.rules()).extracting(r -> r.id()).containsExactly("fuel_low");
  }

  @Test
  void post_invalidRule_answers400WithTheKey() {
    List<ApiRoute> routes = new AlarmRuleRoutes(engine(), configured, dir).routes();
    assertThatThrownBy(() -> call(routes, "POST", FUEL.replace("\"metric\": \"fuel_level\", ", ""), Map.of()))
        .isInstanceOf(ApiException.class).hasMessageContaining("rule.metric is empty")
        .extracting(e -> ((ApiException) e).status()).isEqualTo(400);
    assertThatThrownBy(() -> call(routes, "POST", FUEL.replace("\"hold\"", "\"hodl\""), Map.of()))
        .hasMessageContaining("unknown key 'hodl'");
  }

  @Test
  void postOrDelete_ruleFromTheFile_isAConflict() {
    List<ApiRoute> routes = new AlarmRuleRoutes(engine(), configured, dir).routes();
    assertThatThrownBy(() -> call(routes, "POST", FUEL.replace("fuel_low", "hot"), Map.of()))
        .extracting(e -> ((ApiException) e).status()).isEqualTo(409);
    assertThatThrownBy(() -> call(routes, "DELETE", "", Map.of("id", "hot")))
        .extracting(e -> ((ApiException) e).status()).isEqualTo(409);
  }

  @Test
  void delete_ruleWithActiveAlarm_clearsItAndForgetsIt() throws Exception {
    RuleEngine engine = engine();
    List<ApiRoute> routes = new AlarmRuleRoutes(engine, configured, dir).routes();
    call(routes, "POST", FUEL.replace("10m", "0s"), Map.of());
    engine.onReading(Reading.builder("gen-1", clock.instant(), clock.instant()).put("fuel_level", 5).build());
    assertThat(sink.state("gen-1", "rule_fuel_low")).isTrue();
    call(routes, "DELETE", "", Map.of("id", "fuel_low"));
    assertThat(sink.state("gen-1", "rule_fuel_low")).isFalse();
    assertThatThrownBy(() -> call(routes, "DELETE", "", Map.of("id", "fuel_low")))
        .extracting(e -> ((ApiException) e).status()).isEqualTo(404);
    RuleEngine restarted = engine();
    new AlarmRuleRoutes(restarted, configured, dir);
    assertThat(restarted.rules()).isEmpty();
  }

  @Test
  void post_fileHoldsAnInvalidRule_keepsItInTheFile() throws Exception {
    String invalid = "- {id: broken, type: threshold, metric: '', below: 5}\n";
    java.nio.file.Files.writeString(dir.resolve("alarm-rules.yaml"), invalid);
    RuleEngine engine = engine();
    List<ApiRoute> routes = new AlarmRuleRoutes(engine, configured, dir).routes();
    assertThat(engine.rules()).isEmpty();
    call(routes, "POST", FUEL, Map.of());
    String saved = java.nio.file.Files.readString(dir.resolve("alarm-rules.yaml"));
    assertThat(saved).contains("broken").contains("fuel_low");
    call(routes, "DELETE", "", Map.of("id", "broken"));
    assertThat(java.nio.file.Files.readString(dir.resolve("alarm-rules.yaml"))).doesNotContain("broken")
        .contains("fuel_low");
  }

  @Test
  void post_fileUnreadable_refusedAndFileUntouched() throws Exception {
    String garbled = "- {id: fuel_low, type: threshold, metric: fuel_level, below: 20\n";
    java.nio.file.Files.writeString(dir.resolve("alarm-rules.yaml"), garbled);
    List<ApiRoute> routes = new AlarmRuleRoutes(engine(), configured, dir).routes();
    assertThatThrownBy(() -> call(routes, "POST", FUEL.replace("fuel_low", "other"), Map.of()))
        .hasMessageContaining("could not be read").extracting(e -> ((ApiException) e).status()).isEqualTo(409);
    assertThat(java.nio.file.Files.readString(dir.resolve("alarm-rules.yaml"))).isEqualTo(garbled);
  }
}
