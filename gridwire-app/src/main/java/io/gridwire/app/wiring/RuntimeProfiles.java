package io.gridwire.app.wiring;

import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.port.RuntimeConfigStore;
import io.gridwire.core.port.RuntimeConfigStore.StoredProfile;
import io.gridwire.core.user.Role;
import io.gridwire.modbus.profile.Profile;
import io.gridwire.modbus.profile.ProfileException;
import io.gridwire.modbus.profile.ProfileLibrary;
import io.gridwire.modbus.profile.ProfileParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Register profiles added through the API: {@code GET /api/profiles} lists built-in, file and API
 * profiles; {@code POST /api/profiles} (admin) takes a profile in the file format (YAML or JSON),
 * checks it like a profile file (errors name block and field), keeps it in the
 * {@link RuntimeConfigStore} and adds it to the library at once. A built-in or file profile's name
 * cannot be taken (409); an API profile may be replaced (devices already polling keep the old one
 * until they are changed). Thread-safe.
 */
final class RuntimeProfiles {
  private static final Logger log = LoggerFactory.getLogger(RuntimeProfiles.class);
  private final ProfileLibrary library;
  private final RuntimeConfigStore store;
  private final Clock clock;
  private final ProfileParser parser = new ProfileParser();

  RuntimeProfiles(ProfileLibrary library, RuntimeConfigStore store, Clock clock) {
    this.library = library;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Adds the stored profiles whose names the library does not know yet: at start, and before a
   * device is checked (another node of the fleet may have added one). A file or built-in profile
   * of the same name wins.
   */
  synchronized void refresh() {
    for (StoredProfile s : store.profiles()) {
      if (library.find(s.name()).isPresent()) continue;
      try {
        library.add(asApi(parse(s.text())));
      } catch (ProfileException e) {
        log.warn("stored profile {} is not usable: {}; post a corrected one to /api/profiles", s.name(), e.getMessage());
      }
    }
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/profiles", req -> ApiResponse.ok(library.names().stream().map(n -> describe(library.get(n))).toList())),
        ApiRoute.post("/api/profiles", Role.ADMIN, req -> add(req.bodyText(), req.userEmail())));
  }

  private synchronized ApiResponse add(String text, String user) {
    if (text.isBlank()) throw ApiException.badRequest("expected a profile (YAML or JSON) in the body; format: docs/modbus.md");
    Profile p;
    try {
      p = parse(text);
    } catch (ProfileException e) {
      throw new ApiException(400, "invalid_profile", e.getMessage());
    }
    Profile existing = library.find(p.name()).orElse(null);
    if (existing != null && !ProfileLibrary.API_ORIGIN.equals(existing.origin())) {
      throw new ApiException(409, "conflict", "name: '" + p.name() + "' is a " + ProfileLibrary.originKind(existing)
          + " profile; give yours another name");
    }
    store.saveProfile(new StoredProfile(p.name(), text, clock.instant(), user));
    library.add(asApi(p));
    log.info("profile {} {} by {} ({} blocks)", p.name(), existing == null ? "added" : "replaced", user, p.blocks().size());
    return new ApiResponse(existing == null ? 201 : 200, describe(library.get(p.name())));
  }

  private Profile parse(String text) {
    return parser.parse("profile", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static Profile asApi(Profile p) {
    return new Profile(p.name(), p.label(), p.kind(), ProfileLibrary.API_ORIGIN, p.blocks(), p.alarms(), p.commands(),
        p.manufacturer(), p.model());
  }

  private static Map<String, Object> describe(Profile p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("label", p.label());
    m.put("kind", p.kind());
    m.put("origin", ProfileLibrary.originKind(p));
    m.put("blocks", p.blocks().size());
    m.put("registers", p.registerCount());
    m.put("metrics", p.metricInfos().size());
    return m;
  }
}
