package io.gridwire.uplink.link;

import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import java.util.List;

/**
 * {@code GET /api/links} (every link's {@link LinkStatus}) and {@code GET /api/links/{name}}.
 * Viewer role.
 */
public final class LinkRoutes {
  private final List<? extends Link> links;

  public LinkRoutes(List<? extends Link> links) {
    this.links = List.copyOf(links);
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/links", req -> ApiResponse.ok(links.stream().map(Link::status).toList())),
        ApiRoute.get("/api/links/{name}", req -> ApiResponse.ok(find(req.path("name")).status())));
  }

  private Link find(String name) {
    return links.stream().filter(l -> l.name().equals(name)).findFirst()
        .orElseThrow(() -> ApiException.notFound("no link '" + name + "'"));
  }
}
