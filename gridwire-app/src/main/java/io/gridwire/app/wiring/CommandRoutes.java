package io.gridwire.app.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandQuery;
import io.gridwire.core.command.CommandRefused;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.command.CommandState;
import io.gridwire.core.user.Role;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/commands}: the ledger (docs/commands.md). Reading needs a session; asking and
 * cancelling need the operator role, {@code force} (past an interlock) the admin role (403). Refusals are 400 (unknown item, value out of range: the message
 * names the allowed range), 404, 409 (interlock, no longer queued) or 429 (device queue full).
 */
final class CommandRoutes {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_VALUE = 65_536;
  private final CommandLedger ledger;
  private final java.util.function.IntConsumer refusals;

  /** @param refusals told the HTTP status of every refused request (a counter) */
  CommandRoutes(CommandLedger ledger, java.util.function.IntConsumer refusals) {
    this.ledger = ledger;
    this.refusals = refusals;
  }

  List<ApiRoute> routes() {
    return List.of(
        new ApiRoute("GET", "/api/commands", Role.VIEWER, this::list),
        new ApiRoute("POST", "/api/commands", Role.OPERATOR, this::submit),
        new ApiRoute("GET", "/api/commands/{id}", Role.VIEWER, this::one),
        new ApiRoute("POST", "/api/commands/{id}/cancel", Role.OPERATOR, this::cancel),
        new ApiRoute("DELETE", "/api/commands/{id}", Role.OPERATOR, this::cancel));
  }

  private ApiResponse list(ApiRequest r) {
    CommandState state;
    int limit;
    try {
      state = r.query("state") == null ? null : CommandState.fromWire(r.query("state"));
      limit = r.query("limit") == null ? 100 : Integer.parseInt(r.query("limit"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage().startsWith("unknown") ? e.getMessage() : "limit must be a number 1..1000");
    }
    if (limit < 1 || limit > 1000) throw ApiException.badRequest("limit out of range: allowed 1..1000, was " + limit);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Command c : ledger.list(new CommandQuery(r.query("device_id"), state, limit))) out.add(json(c));
    return ApiResponse.ok(Map.of("commands", out));
  }

  private ApiResponse one(ApiRequest r) {
    long id = id(r);
    return ApiResponse.ok(json(ledger.find(id).orElseThrow(() -> ApiException.notFound("no command " + id))));
  }

  private ApiResponse submit(ApiRequest r) {
    try {
      return ApiResponse.accepted(json(ledger.submit(request(r))));
    } catch (CommandRefused e) {
      throw refused(e);
    } catch (ApiException e) {
      refusals.accept(e.status());
      throw e;
    }
  }

  private CommandRequest request(ApiRequest r) {
    JsonNode body;
    try {
      body = MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw ApiException.badRequest("body is not JSON: " + e.getMessage());
    }
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("body must be a JSON object {device_id, kind, target, value?, force?, ttl_s?}");
    }
    boolean force = body.path("force").asBoolean(false);
    if (force && !r.admin()) {
      throw ApiException.forbidden("\"force\" (past an interlock) needs the admin role; ask without it or ask an admin");
    }
    return new CommandRequest(text(body, "device_id", true), text(body, "kind", true), text(body, "target", true),
        value(body), force, r.userEmail(), ttl(body));
  }

  private ApiResponse cancel(ApiRequest r) {
    try {
      return ApiResponse.ok(json(ledger.cancel(id(r), r.userEmail())));
    } catch (CommandRefused e) {
      throw refused(e);
    }
  }

  private ApiException refused(CommandRefused e) {
    refusals.accept(e.status());
    String error = switch (e.status()) {
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 429 -> "too_many_commands";
      default -> "bad_request";
    };
    return new ApiException(e.status(), error, e.getMessage());
  }

  private static long id(ApiRequest r) {
    String raw = r.path("id");
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("command id must be a number, was '" + raw + "'");
    }
  }

  private static String text(JsonNode body, String field, boolean required) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) throw ApiException.badRequest("missing field '" + field + "'");
      return null;
    }
    if (!v.isValueNode()) throw ApiException.badRequest("field '" + field + "' must be a string or a number");
    String s = v.asText();
    if (s.length() > 200) throw ApiException.badRequest("field '" + field + "' is longer than 200 characters");
    return s;
  }

  /** A scalar as text, or a JSON object (a WebSocket message) as its JSON; at most {@link #MAX_VALUE} characters. */
  private static String value(JsonNode body) {
    JsonNode v = body.get("value");
    if (v == null || v.isNull()) return null;
    String s = v.isValueNode() ? v.asText() : v.toString();
    if (s.length() > MAX_VALUE) throw ApiException.badRequest("field 'value' is longer than " + MAX_VALUE + " characters");
    return s;
  }

  private static Duration ttl(JsonNode body) {
    JsonNode v = body.get("ttl_s");
    if (v == null || v.isNull()) return null;
    if (!v.canConvertToLong()) throw ApiException.badRequest("ttl_s must be a whole number of seconds");
    return Duration.ofSeconds(v.asLong());
  }

  static Map<String, Object> json(Command c) {
    return io.gridwire.core.command.CommandJson.of(c);
  }
}
