package io.gridwire.core.api;

/**
 * @param status HTTP status
 * @param body an object the web module serialises as JSON (records, maps, lists, scalars)
 */
public record ApiResponse(int status, Object body) {
  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  public static ApiResponse accepted(Object body) {
    return new ApiResponse(202, body);
  }
}
