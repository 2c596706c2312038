package io.gridwire.modbus.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiRequest;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.command.Command;
import io.gridwire.core.command.CommandJson;
import io.gridwire.core.command.CommandLedger;
import io.gridwire.core.command.CommandRefused;
import io.gridwire.core.command.CommandRequest;
import io.gridwire.core.user.Role;
import io.gridwire.modbus.command.ModbusWrites;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * {@code POST /api/devices/{id}/modbus/write} (operator, like every command): body as
 * {@link WriteCommand}, plus an optional {@code ttl_s}; the write becomes a {@code modbus_write}
 * command of the ledger, asked by the caller (docs/commands.md). Query {@code wait_s}
 * (0..{@link #MAX_WAIT_S}, default {@link #DEFAULT_WAIT_S}): how long to wait for the command to
 * end. Answers the command as {@code GET /api/commands/{id}} shows it: 200 once it ended (state
 * applied, rejected, failed, expired or cancelled), 202 while it is still on its way (follow it at
 * {@code /api/commands/{id}}). Refusals: 400 invalid or profile-violating write, 404 unknown
 * device, 429 the device's queue is full; each is told to {@code refusals}.
 */
public final class WriteRoute {
  public static final int DEFAULT_WAIT_S = 10;
  public static final int MAX_WAIT_S = 60;
  private static final ObjectMapper JSON = new ObjectMapper();

  private WriteRoute() {}

  public static ApiRoute create(CommandLedger ledger, IntConsumer refusals) {
    return ApiRoute.post("/api/devices/{id}/modbus/write", Role.OPERATOR, req -> {
      String id = req.path("id");
      Duration wait = waitOf(req);
      Command c;
      try {
        WriteCommand cmd = WriteCommand.parse(req.body());
        c = ledger.submit(new CommandRequest(id, ModbusWrites.KIND, cmd.target(), cmd.value(), false, req.userEmail(), ttl(req)));
      } catch (CommandRefused e) {
        refusals.accept(e.status());
        throw new ApiException(e.status(), switch (e.status()) {
          case 404 -> "not_found";
          case 429 -> "too_many_commands";
          case 409 -> "conflict";
          default -> "bad_request";
        }, e.getMessage());
      } catch (ApiException e) {
        refusals.accept(e.status());
        throw e;
      }
      Command end = awaitEnd(ledger, c, wait);
      return end.state().terminal() ? ApiResponse.ok(CommandJson.of(end)) : ApiResponse.accepted(CommandJson.of(end));
    });
  }

  private static Command awaitEnd(CommandLedger ledger, Command c, Duration wait) {
    if (wait.isZero()) return c;
    try {
      return ledger.ended(c.id()).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return ledger.find(c.id()).orElse(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ledger.find(c.id()).orElse(c);
    }
  }

  private static Duration waitOf(ApiRequest req) {
    String raw = req.query("wait_s");
    if (raw == null) return Duration.ofSeconds(DEFAULT_WAIT_S);
    try {
      int s = Integer.parseInt(raw.trim());
      if (s >= 0 && s <= MAX_WAIT_S) return Duration.ofSeconds(s);
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw ApiException.badRequest("wait_s must be a whole number of seconds 0.." + MAX_WAIT_S + ", was '" + raw + "'");
  }

  private static Duration ttl(ApiRequest req) {
    JsonNode n;
    try {
      n = JSON.readTree(req.body());
    } catch (IOException e) {
      return null; // WriteCommand.parse refused it already
    }
    JsonNode v = n == null ? null : n.get("ttl_s");
    if (v == null || v.isNull()) return null;
    if (!v.canConvertToLong()) throw ApiException.badRequest("ttl_s must be a whole number of seconds");
    return Duration.ofSeconds(v.asLong());
  }
}
