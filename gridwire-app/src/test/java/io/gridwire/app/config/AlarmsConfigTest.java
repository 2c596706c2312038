package io.gridwire.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwire.core.alarm.Severity;
import io.gridwire.rules.AlarmRule;
import io.gridwire.rules.Bound;
import io.gridwire.rules.RuleCondition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlarmsConfigTest {
  private final ConfigLoader loader = new ConfigLoader();
  @TempDir Path dir;

  private static final String RULES = """
      alarms:
        rules:
          - id: fuel_low
            name: Fuel low
            type: threshold
            metric: fuel_level
            kinds: [generator]
            below: 20
            clear_at: 22
            hold: 10m
          - id: no_data
            type: stale
            sites: [north]
            stale_after: 5m
          - id: fuel_leak
            severity: critical
            type: rate
            metric: fuel_level
            below: -3
            window: 1h
            while_metric: engine_running
            while_equals: false
      """;

  private GridwireConfig load(String yaml, Map<String, String> env) throws Exception {
    Path f = dir.resolve("gridwire.yaml");
    Files.writeString(f, yaml);
    return loader.load(f, env);
  }

  private static List<AlarmRule> rules(GridwireConfig c) {
    List<AlarmRule> out = new java.util.ArrayList<>();
    for (int i = 0; i < c.alarms().rules().size(); i++) out.add(c.alarms().rules().get(i).toRule("alarms.rules[" + i + "]"));
    return out;
  }

  @Test
  void load_rules_mapToThresholdStaleAndRate() throws Exception {
    List<AlarmRule> r = rules(load(RULES, Map.of()));
    assertThat(r.get(0).condition()).isEqualTo(new RuleCondition.Threshold(
        new Bound(Bound.Direction.BELOW, 20, 22), Duration.ofMinutes(10)));
    assertThat(r.get(0).severity()).isEqualTo(Severity.WARNING);
    assertThat(r.get(0).match().kinds()).containsExactly("generator");
    assertThat(r.get(1).condition()).isEqualTo(new RuleCondition.Stale(Duration.ofMinutes(5)));
    RuleCondition.Rate rate = (RuleCondition.Rate) r.get(2).condition();
    assertThat(rate.bound().limit()).isEqualTo(-3);
    assertThat(rate.guard().metric()).isEqualTo("engine_running");
    assertThat(rate.guard().equals()).isEqualTo("false");
  }

  @Test
  void load_envOverridesARuleKey() throws Exception {
    List<AlarmRule> r = rules(load(RULES, Map.of("GRIDWIRE_ALARMS_RULES_0_BELOW", "15")));
    assertThat(((RuleCondition.Threshold) r.get(0).condition()).bound().limit()).isEqualTo(15);
  }

  @Test
  void load_ruleWithoutMetric_namesTheKeyPath() {
    assertThatThrownBy(() -> load(RULES.replace("      metric: fuel_level\n      below: -3",
        "      below: -3"), Map.of()))
        .hasMessageContaining("alarms.rules[2].metric is empty");
  }

  @Test
  void load_badRules_eachNamesItsKey() {
    assertThatThrownBy(() -> load(RULES.replace("clear_at: 22", "clear_at: 18"), Map.of()))
        .hasMessageContaining("alarms.rules[0].clear_at");
    assertThatThrownBy(() -> load(RULES.replace("type: stale", "type: sometimes"), Map.of()))
        .hasMessageContaining("alarms.rules[1].type must be threshold, stale or rate");
    assertThatThrownBy(() -> load(RULES.replace("severity: critical", "severity: dire"), Map.of()))
        .hasMessageContaining("alarms.rules[2].severity");
    assertThatThrownBy(() -> load(RULES.replace("      while_equals: false\n", ""), Map.of()))
        .hasMessageContaining("alarms.rules[2]: while_metric and while_equals go together");
    assertThatThrownBy(() -> load(RULES.replace("id: no_data", "id: fuel_low"), Map.of()))
        .hasMessageContaining("alarms.rules[1].id repeats");
  }

  @Test
  void load_notifications_validatedWithKeyPath() {
    String hooks = """
        notifications:
          webhooks:
            - name: ops
              url: https://hooks.example.org/alarms
              severities: [critical, warning]
            - name: bad
              url: ftp://x
        """;
    assertThatThrownBy(() -> load(hooks, Map.of())).hasMessageContaining("notifications.webhooks[1].url must be http");
    assertThatThrownBy(() -> load(hooks.replace("warning]", "urgent]"), Map.of()))
        .hasMessageContaining("notifications.webhooks[0].severities[1]");
    String mail = """
        notifications:
          emails:
            - name: ops
              to: [ops@example.org]
        """;
    assertThatThrownBy(() -> load(mail, Map.of())).hasMessageContaining("notifications.smtp.host must not be empty");
    assertThatThrownBy(() -> load(mail.replace("ops@example.org", "ops@example.org>\\r\\nRCPT TO:<x@y"), Map.of()))
        .hasMessageContaining("notifications.emails[0].to[0] is not a plain address");
  }

  @Test
  void load_notificationsSecrets_notInToString() throws Exception {
    // The env overrides a key the file names (an unset key of a list element is not in the tree).
    GridwireConfig c = load("notifications:\n  webhooks:\n    - name: ops\n      url: http://127.0.0.1:1/x\n"
        + "      authorization: ''\n", Map.of(
        "GRIDWIRE_NOTIFICATIONS_WEBHOOKS_0_AUTHORIZATION", "Bearer s3cret",
        "GRIDWIRE_NOTIFICATIONS_SMTP_PASSWORD", "pw-s3cret"));
    assertThat(c.notifications().webhooks().get(0).authorization()).isEqualTo("Bearer s3cret");
    assertThat(c.notifications().toString()).doesNotContain("s3cret");
  }

  @Test
  void load_activeListKeys_readHoldAndEntitiesFlag() {
    GridwireConfig c = new ConfigLoader().load(null, "alarms:\n  clear_hold: 30s\n  ha_bit_entities: true\n", Map.of());
    assertThat(c.alarms().clearHold()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.alarms().haBitEntities()).isTrue();
    assertThat(GridwireConfig.defaults().alarms().clearHold()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void new_negativeClearHold_failsNamingKey() {
    assertThatThrownBy(() -> new AlarmsConfig(List.of(), Duration.ofSeconds(5), Duration.ofSeconds(-1), false))
        .hasMessageContaining("alarms.clear_hold");
  }
}
