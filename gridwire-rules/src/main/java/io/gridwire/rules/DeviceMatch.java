package io.gridwire.rules;

import java.util.List;

/**
 * Which devices a rule watches. Each list is exact names; an empty list matches every device; a
 * device must match every non-empty list (ids and sites and kinds).
 *
 * @param ids device ids
 * @param sites site codes
 * @param kinds device kinds ({@code generator}, {@code battery-box}, ...)
 */
public record DeviceMatch(List<String> ids, List<String> sites, List<String> kinds) {
  public static final DeviceMatch ANY = new DeviceMatch(List.of(), List.of(), List.of());

  public DeviceMatch {
    ids = ids == null ? List.of() : List.copyOf(ids);
    sites = sites == null ? List.of() : List.copyOf(sites);
    kinds = kinds == null ? List.of() : List.copyOf(kinds);
  }

  public boolean matches(String id, String site, String kind) {
    return (ids.isEmpty() || ids.contains(id))
        && (sites.isEmpty() || sites.contains(site))
        && (kinds.isEmpty() || kinds.contains(kind));
  }
}
