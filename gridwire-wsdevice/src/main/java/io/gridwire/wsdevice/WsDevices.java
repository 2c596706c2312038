package io.gridwire.wsdevice;

import io.gridwire.core.api.ApiRoute;
import io.gridwire.core.user.Role;
import io.gridwire.wsdevice.api.DeviceServerRoutes;
import io.gridwire.wsdevice.api.SessionRoutes;
import io.gridwire.wsdevice.auth.DeviceAuth;
import io.gridwire.wsdevice.command.Commands;
import io.gridwire.wsdevice.config.DeviceConfig;
import io.gridwire.wsdevice.protocol.WireJson;
import io.gridwire.wsdevice.session.DeviceCounters;
import io.gridwire.wsdevice.session.DeviceSessions;
import io.gridwire.wsdevice.session.DeviceSocket;
import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * The WebSocket device connector (SPEC §3.4): devices connect to {@code /ws/devices}, authenticate,
 * push telemetry and receive commands; operators reach them through the session API and the
 * device-server API.
 *
 * <pre>
 *  device ──WS /ws/devices──▶ DeviceSocket ──▶ DeviceAuth ──▶ DeviceCredentials (web module)
 *                                 │ telemetry ──▶ Bus&lt;Reading&gt;, DeviceRegistry
 *                                 │ replies   ──▶ Commands ──▶ Bus&lt;Event&gt;
 *  operator ──REST (ApiRoutes)──▶ SessionRoutes / DeviceServerRoutes ──▶ Commands ──▶ session, or
 *                                                                      another node (Cluster)
 * </pre>
 *
 * The web server mounts it: {@link #routes()} behind its auth, {@link #mount} for what does its own
 * (the device socket authenticates in its first message; {@code /devices/health} is open). Built by
 * the wiring; {@link #close()} before the web server stops. Thread-safe.
 */
public final class WsDevices implements AutoCloseable {
  private static final String STOPPING = "{\"outcome\":\"unreachable\",\"detail\":\"node stopping\"}";
  private final WsDeviceDependencies deps;
  private final DeviceSessions sessions = new DeviceSessions();
  private final Commands commands;
  private final DeviceSocket socket;
  private final SessionRoutes sessionRoutes;
  private final DeviceServerRoutes serverRoutes;

  /** Ready to be mounted; with a cluster, answers the other nodes' command requests from now on. */
  public WsDevices(DeviceConfig config, WsDeviceDependencies deps) {
    this.deps = deps;
    this.commands = new Commands(sessions, deps.cluster(), deps.events(), deps.clock(), config);
    this.socket = new DeviceSocket(config, new DeviceAuth(deps.users(), deps.credentials()), sessions, commands,
        deps.devices(), deps.readings(), deps.cluster(), deps.clock(), new DeviceCounters(deps.meters(), sessions),
        deps.admission());
    this.sessionRoutes = new SessionRoutes(sessions, commands, deps.cluster());
    this.serverRoutes = new DeviceServerRoutes(sessionRoutes, sessions, commands);
    if (deps.cluster() != null) deps.cluster().bus().serve(commands::handle);
  }

  /** The session API and the device-server API, mounted behind the web server's auth with these roles. */
  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/api/sessions", sessionRoutes::list),
        ApiRoute.get("/api/sessions/{session_id}", sessionRoutes::one),
        ApiRoute.post("/api/sessions/{session_id}/messages", Role.OPERATOR, sessionRoutes::message),
        ApiRoute.post("/api/modbus/broadcast", Role.OPERATOR, sessionRoutes::broadcast),
        ApiRoute.post("/send_message", Role.OPERATOR, serverRoutes::sendMessage),
        ApiRoute.post("/broadcast_modbus_command", Role.OPERATOR, serverRoutes::broadcast),
        ApiRoute.get("/devices/connected", serverRoutes::connected),
        ApiRoute.get("/devices/{session_id}/status", serverRoutes::status));
  }

  /** Mounts {@code WS /ws/devices} and the open {@code GET /devices/health} (a web server's hook). */
  public void mount(RoutesConfig r) {
    r.get("/devices/health", ctx -> ctx.status(200).contentType(WireJson.CONTENT_TYPE)
        .result(WireJson.MAPPER.writeValueAsBytes(serverRoutes.health(deps.healthy().getAsBoolean()))));
    r.wsBeforeUpgrade("/ws/devices", socket::beforeUpgrade);
    r.ws("/ws/devices", socket::configure);
  }

  /** The device sessions connected to this node. */
  public DeviceSessions sessions() {
    return sessions;
  }

  /** Commands to device sessions (the command ledger's WebSocket messages go through them). */
  public Commands commands() {
    return commands;
  }

  /** Stops answering other nodes and closes every device connection (1001). Idempotent. */
  @Override
  public void close() {
    if (deps.cluster() != null) deps.cluster().bus().serve(body -> STOPPING);
    socket.close();
  }
}
