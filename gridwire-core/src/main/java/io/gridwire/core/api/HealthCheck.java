package io.gridwire.core.api;

/**
 * A part of the gateway that can be degraded (Redis down, broker down). {@code GET /health}
 * reports {@code degraded} when any check is not ok, and lists each.
 */
@FunctionalInterface
public interface HealthCheck {
  Status check();

  /**
   * @param name component name ({@code redis}, {@code mqtt})
   * @param ok whether it works
   * @param detail one sentence for the operator
   */
  record Status(String name, boolean ok, String detail) {}
}
