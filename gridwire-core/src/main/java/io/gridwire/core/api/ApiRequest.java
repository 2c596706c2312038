package io.gridwire.core.api;

import java.util.List;
import java.util.Map;

/**
 * A request as a route sees it.
 *
 * @param pathParams path parameters by name
 * @param queryParams query parameters by name (all values)
 * @param body the request body (bounded by the web module), empty when none
 * @param userEmail the authenticated user
 * @param admin whether that user is an admin
 * @param remoteAddress the client address
 */
public record ApiRequest(Map<String, String> pathParams, Map<String, List<String>> queryParams, byte[] body,
    String userEmail, boolean admin, String remoteAddress) {

  public String path(String name) {
    String v = pathParams.get(name);
    if (v == null) throw ApiException.badRequest("missing path parameter '" + name + "'");
    return v;
  }

  /** The first value of a query parameter, or null. */
  public String query(String name) {
    List<String> v = queryParams.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public String bodyText() {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }
}
