package io.gridwire.core.api;

import io.gridwire.core.user.Role;
import java.util.Objects;

/**
 * An HTTP route a connector contributes without knowing the web framework. The web module mounts
 * it behind authentication, bounds the body, and renders the answer (or {@link ApiException}) as
 * JSON.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}
 * @param path Javalin-style path with {@code {param}} segments, e.g. {@code /api/oig/tables}
 * @param role minimum role: {@link Role#VIEWER} to read, {@link Role#OPERATOR} for commands,
 *     {@link Role#ADMIN} to manage users, devices, profiles and configuration
 * @param handler the work; may block (runs on a virtual thread)
 */
public record ApiRoute(String method, String path, Role role, ApiHandler handler) {
  public ApiRoute {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(handler, "handler");
  }

  public static ApiRoute get(String path, ApiHandler handler) {
    return new ApiRoute("GET", path, Role.VIEWER, handler);
  }

  public static ApiRoute post(String path, Role role, ApiHandler handler) {
    return new ApiRoute("POST", path, role, handler);
  }

  /** The work of a route. */
  @FunctionalInterface
  public interface ApiHandler {
    /**
     * @return the answer; its body is serialised as JSON
     * @throws ApiException for an answer with an error status
     */
    ApiResponse handle(ApiRequest request) throws Exception;
  }
}
