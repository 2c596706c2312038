package io.gridwire.web.rest;

import io.gridwire.core.api.HealthCheck;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.gridwire.web.json.Responses;

/**
 * {@code GET /health} (open): {@code {"status": "ok"|"degraded", "checks": [...]}}, always 200 so a
 * load balancer keeps a degraded node (e.g. Redis down) in service; a check that throws counts as
 * failed.
 */
public final class HealthRoutes {
  private static final Logger log = LoggerFactory.getLogger(HealthRoutes.class);
  private final List<HealthCheck> checks;

  public HealthRoutes(List<HealthCheck> checks) {
    this.checks = checks;
  }

  public void health(Context ctx) {
    List<HealthCheck.Status> results = results();
    boolean ok = results.stream().allMatch(HealthCheck.Status::ok);
    Responses.json(ctx, 200, Map.of("status", ok ? "ok" : "degraded", "checks", results));
  }

  /** Whether every check is ok now. */
  public boolean allOk() {
    return results().stream().allMatch(HealthCheck.Status::ok);
  }

  private List<HealthCheck.Status> results() {
    List<HealthCheck.Status> results = new ArrayList<>();
    for (HealthCheck c : checks) {
      HealthCheck.Status s;
      try {
        s = c.check();
      } catch (RuntimeException e) {
        log.warn("health check {} threw", c, e);
        s = new HealthCheck.Status(c.getClass().getSimpleName(), false, "check failed: " + e.getClass().getSimpleName());
      }
      results.add(s);
    }
    return results;
  }
}
