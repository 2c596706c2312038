package io.gridwire.web.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.user.Role;
import io.gridwire.core.user.User;
import io.gridwire.web.auth.Principal;
import io.gridwire.web.auth.UserAdmin;
import io.javalin.http.Context;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.gridwire.web.json.Responses;
import io.gridwire.web.json.Bodies;

/**
 * Users, for admins: {@code GET /api/users}, {@code POST /api/users} {email, role, password},
 * {@code PUT /api/users/{email}} {role and/or password}, {@code DELETE /api/users/{email}}.
 * Password hashes never leave the gateway. The same rules as {@code gridwire users}: a bad field
 * is a 400 naming it, an unknown user 404, a taken email 409, and demoting or removing the last
 * admin 409.
 */
public final class UserRoutes {
  private static final Logger log = LoggerFactory.getLogger(UserRoutes.class);
  private static final Set<String> CREATE = Set.of("email", "role", "password");
  private static final Set<String> UPDATE = Set.of("role", "password");
  private final UserAdmin admin;
  private final long maxRequestBytes;

  public UserRoutes(UserAdmin admin, long maxRequestBytes) {
    this.admin = admin;
    this.maxRequestBytes = maxRequestBytes;
  }

  public void list(Context ctx, Principal p) {
    Responses.json(ctx, 200, admin.list().stream().map(UserRoutes::json).toList());
  }

  public void create(Context ctx, Principal p) {
    Map<String, String> body = fields(ctx, CREATE);
    String email = required(body, "email");
    String password = required(body, "password");
    String emailOk = field("email", () -> UserAdmin.checkEmail(email));
    Role role = body.containsKey("role") ? role(body.get("role")) : Role.VIEWER;
    field("password", () -> {
      UserAdmin.checkPassword(password);
      return null;
    });
    User u;
    try {
      u = admin.addUser(emailOk, password, role);
    } catch (UserAdmin.Taken e) {
      throw new ApiException(409, "conflict", "field 'email': " + e.getMessage());
    }
    log.info("user {} added as {} by {}", u.email(), u.role().wireName(), p.user().email());
    Responses.json(ctx, 201, json(u));
  }

  public void update(Context ctx, Principal p) {
    String email = ctx.pathParam("email");
    Map<String, String> body = fields(ctx, UPDATE);
    if (body.isEmpty()) throw ApiException.badRequest("nothing to change: give field 'role' and/or 'password'");
    Role role = body.containsKey("role") ? role(body.get("role")) : null;
    String password = body.get("password");
    if (body.containsKey("password")) {
      field("password", () -> {
        UserAdmin.checkPassword(password);
        return null;
      });
    }
    User u = known(() -> admin.find(email));
    if (role != null) u = known(() -> admin.setRole(email, role));
    if (password != null) {
      int ended = known(() -> admin.resetPassword(email, password, p.tokenHash()));
      log.info("password of {} reset by {}; {} of its sessions ended", u.email(), p.user().email(), ended);
    }
    if (role != null) log.info("user {} is now {} (changed by {})", u.email(), role.wireName(), p.user().email());
    Responses.json(ctx, 200, json(u));
  }

  public void remove(Context ctx, Principal p) {
    String email = ctx.pathParam("email");
    User u = known(() -> admin.remove(email));
    log.info("user {} removed by {}, with its sessions and the device tokens it issued", u.email(), p.user().email());
    ctx.status(204);
  }

  static Map<String, Object> json(User u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id());
    m.put("email", u.email());
    m.put("role", u.role().wireName());
    m.put("created_at", u.createdAt());
    return m;
  }

  /** The body's string fields; an unknown field or a non-string value is a 400 naming it. */
  private Map<String, String> fields(Context ctx, Set<String> allowed) {
    JsonNode n = Bodies.json(ctx, maxRequestBytes, JsonNode.class);
    if (!n.isObject()) throw new ApiException(400, "malformed_json", "expected a JSON object");
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!allowed.contains(e.getKey())) {
        throw ApiException.badRequest("field '" + e.getKey() + "' is unknown; expected " + String.join(", ", allowed.stream().sorted().toList()));
      }
      if (e.getValue().isNull()) continue;
      if (!e.getValue().isTextual()) throw ApiException.badRequest("field '" + e.getKey() + "' must be a string");
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static String required(Map<String, String> body, String name) {
    String v = body.get(name);
    if (v == null || v.isEmpty()) throw ApiException.badRequest("field '" + name + "' is required");
    return v;
  }

  private static Role role(String wire) {
    return field("role", () -> Role.fromWire(wire));
  }

  /** Runs a check; its IllegalArgumentException becomes a 400 naming the field. */
  private static <T> T field(String name, java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("field '" + name + "': " + e.getMessage());
    }
  }

  /** Runs a change; an unknown user is a 404, the last admin a 409. */
  private static <T> T known(java.util.function.Supplier<T> change) {
    try {
      return change.get();
    } catch (UserAdmin.Unknown e) {
      throw ApiException.notFound(e.getMessage());
    } catch (UserAdmin.LastAdmin e) {
      throw new ApiException(409, "last_admin", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound(e.getMessage());
    }
  }
}
