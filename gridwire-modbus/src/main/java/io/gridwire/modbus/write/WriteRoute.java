package io.gridwire.modbus.write;

import io.gridwire.core.api.ApiException;
import io.gridwire.core.api.ApiResponse;
import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.user.Role;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * {@code POST /api/devices/{id}/modbus/write} (operator): body as {@link WriteCommand}; answers
 * 200 with a {@link WriteResult} (status confirmed, unconfirmed, refused or failed), 400 for an
 * invalid or profile-violating write, 404 for an unknown device, 504 when the device's loop did
 * not run the write within {@code wait}.
 */
public final class WriteRoute {
  private WriteRoute() {}

  public static ApiRoute create(Function<String, Optional<WriteTarget>> targets, Duration wait) {
    return ApiRoute.post("/api/devices/{id}/modbus/write", Role.OPERATOR, req -> {
      String id = req.path("id");
      WriteTarget target = targets.apply(id).orElseThrow(() -> ApiException.notFound("no Modbus device '" + id + "'"));
      WriteCommand cmd = WriteCommand.parse(req.body());
      WriteValidator.validate(target.profile(), cmd);
      try {
        return ApiResponse.ok(target.submit(cmd).get(wait.toMillis(), TimeUnit.MILLISECONDS));
      } catch (TimeoutException e) {
        throw new ApiException(504, "timeout", "the write to '" + id + "' did not complete within " + wait.toSeconds() + " s");
      }
    });
  }
}
