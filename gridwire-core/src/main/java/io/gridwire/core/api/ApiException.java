package io.gridwire.core.api;

/**
 * An error answer: rendered as {@code {"error": error, "detail": detail}} with {@code status}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String error;
  private final transient Object detail;

  public ApiException(int status, String error, Object detail) {
    super(error + (detail == null ? "" : ": " + detail));
    this.status = status;
    this.error = error;
    this.detail = detail;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "bad_request", detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "not_found", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", detail);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public Object detail() {
    return detail;
  }
}
