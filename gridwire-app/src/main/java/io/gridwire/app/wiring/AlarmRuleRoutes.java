package io.gridwire.app.wiring;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.app.config.AlarmRuleConfig;
import io.gridwire.app.config.ConfigLoader;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.user.Role;
import io.gridwire.rules.RuleEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET/POST/DELETE /api/alarms/rules}: rules from the file are listed read-only
 * ({@code source: config}); rules added through the API ({@code source: api}) are kept in
 * {@code <data_dir>/alarm-rules.yaml} and come back after a restart. Thread-safe.
 */
final class AlarmRuleRoutes {
  private static final Logger log = LoggerFactory.getLogger(AlarmRuleRoutes.class);

  private final RuleEngine engine;
  private final Map<String, AlarmRuleConfig> fromConfig = new LinkedHashMap<>();
  private final Map<String, AlarmRuleConfig> fromApi = new LinkedHashMap<>();
  /** Saved rules that do not load (invalid, or shadowed by gridwire.yaml): not evaluated, but written back. */
  private final Map<String, AlarmRuleConfig> kept = new LinkedHashMap<>();
  /** Why the file could not be read, or null: while set, the API does not write the file over it. */
  private String unreadable;
  private final Path file;
  private final ObjectMapper mapper = new ConfigLoader().mapper();

  AlarmRuleRoutes(RuleEngine engine, List<AlarmRuleConfig> configured, Path dataDir) {
    this.engine = engine;
    this.file = dataDir.resolve("alarm-rules.yaml");
    for (AlarmRuleConfig r : configured) fromConfig.put(r.id(), r);
    for (AlarmRuleConfig r : load()) {
      if (fromConfig.containsKey(r.id())) {
        log.warn("alarm rule {} from {} is ignored: gridwire.yaml defines a rule with that id", r.id(), file);
        kept.put(r.id(), r);
        continue;
      }
      try {
        engine.put(r.toRule("alarm rule " + r.id() + " in " + file));
        fromApi.put(r.id(), r);
      } catch (IllegalArgumentException e) {
        log.warn("{}; it is kept in the file but not evaluated: fix or delete it through the API", e.getMessage());
        kept.put(r.id(), r);
      }
    }
  }

  List<ApiRoute> routes() {
    return List.of(
        new ApiRoute("GET", "/api/alarms/rules", Role.VIEWER, r -> ApiResponse.ok(list())),
        new ApiRoute("POST", "/api/alarms/rules", Role.ADMIN, this::post),
        new ApiRoute("DELETE", "/api/alarms/rules/{id}", Role.ADMIN, this::delete));
  }

  private synchronized List<Map<String, Object>> list() {
    List<Map<String, Object>> out = new ArrayList<>();
    fromConfig.values().forEach(r -> out.add(describe(r, "config")));
    fromApi.values().forEach(r -> out.add(describe(r, "api")));
    return out;
  }

  private Map<String, Object> describe(AlarmRuleConfig r, String source) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source);
    mapper.convertValue(r, new TypeReference<Map<String, Object>>() {}).forEach((k, v) -> {
      if (v != null) m.put(k, v);
    });
    return m;
  }

  private synchronized ApiResponse post(ApiRequest req) {
    refuseWhileUnreadable();
    AlarmRuleConfig cfg;
    try {
      cfg = mapper.readValue(req.body(), AlarmRuleConfig.class);
    } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
      throw ApiException.badRequest("rule: unknown key '" + e.getPropertyName() + "'");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("not a rule: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("not a rule: " + e.getMessage());
    }
    if (cfg == null) throw ApiException.badRequest("not a rule: empty body");
    io.gridwire.rules.AlarmRule rule;
    try {
      rule = cfg.toRule("rule");
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (fromConfig.containsKey(rule.id())) {
      throw new ApiException(409, "conflict", "rule " + rule.id() + " is defined in gridwire.yaml; change it there");
    }
    Map<String, AlarmRuleConfig> next = new LinkedHashMap<>(fromApi);
    next.put(rule.id(), cfg);
    save(next, rule.id());
    fromApi.put(rule.id(), cfg);
    kept.remove(rule.id());
    engine.put(rule);
    log.info("alarm rule {} set through the API by {}", rule.id(), req.userEmail());
    return ApiResponse.ok(describe(cfg, "api"));
  }

  private synchronized ApiResponse delete(ApiRequest req) {
    refuseWhileUnreadable();
    String id = req.path("id");
    if (kept.containsKey(id) && !fromApi.containsKey(id)) {
      save(fromApi, id);
      kept.remove(id);
      log.info("unloadable alarm rule {} deleted through the API by {}", id, req.userEmail());
      return ApiResponse.ok(Map.of("deleted", id));
    }
    if (fromConfig.containsKey(id)) {
      throw new ApiException(409, "conflict", "rule " + id + " is defined in gridwire.yaml; remove it there");
    }
    if (!fromApi.containsKey(id)) throw ApiException.notFound("no alarm rule " + id);
    Map<String, AlarmRuleConfig> next = new LinkedHashMap<>(fromApi);
    next.remove(id);
    save(next, id);
    fromApi.remove(id);
    engine.remove(id);
    log.info("alarm rule {} deleted through the API by {}", id, req.userEmail());
    return ApiResponse.ok(Map.of("deleted", id));
  }

  private List<AlarmRuleConfig> load() {
    if (!Files.isRegularFile(file)) return List.of();
    try {
      List<AlarmRuleConfig> l = mapper.readValue(file.toFile(), new TypeReference<List<AlarmRuleConfig>>() {});
      return l == null ? List.of() : l;
    } catch (IOException e) {
      unreadable = e.getMessage();
      log.warn("alarm rules in {} not loaded ({}); rules set through the API are missing, and the API refuses to"
          + " change rules, until the file is fixed and the gateway restarted", file, e.getMessage());
      return List.of();
    }
  }

  private void refuseWhileUnreadable() {
    if (unreadable != null) {
      throw new ApiException(409, "conflict", "alarm rules file " + file + " could not be read (" + unreadable
          + "); fix or remove it and restart the gateway before changing rules through the API");
    }
  }

  /**
   * Writes {@code apiRules} and the kept unloadable rules (except {@code dropped}) atomically (a crash
   * leaves the old file or the new one), before the engine changes: a failed write changes nothing.
   */
  private void save(Map<String, AlarmRuleConfig> apiRules, String dropped) {
    List<AlarmRuleConfig> all = new ArrayList<>(apiRules.values());
    kept.forEach((id, r) -> {
      if (!id.equals(dropped) && !apiRules.containsKey(id)) all.add(r);
    });
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      mapper.writeValue(tmp.toFile(), all);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save alarm rules to " + file + ": " + e.getMessage(), e);
    }
  }
}
