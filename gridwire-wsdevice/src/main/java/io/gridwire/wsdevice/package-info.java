/**
 * The WebSocket device connector: devices that connect to the gateway over {@code WS /ws/devices}
 * (SPEC §3.4), push telemetry and receive commands — a southbound connector like the OIG, Modbus
 * and MQTT ones, with the {@code ws_devices} configuration section
 * ({@link io.gridwire.wsdevice.config.WsDevicesConfig}).
 *
 * <pre>
 *  protocol/  message parsing, timestamps, notices to devices, the JSON mapper  (pure)
 *  auth/      a device's first message → DeviceCredentials (core port)
 *  session/   DeviceSocket (the endpoint), sessions, rate limit, meters
 *  command/   commands to sessions, across nodes, through the command ledger
 *  api/       the session API and the device-server API as ApiRoutes
 *  config/    the ws_devices section and the endpoint's full settings
 *  WsDevices  builds the above; routes() and mount() for the web server
 * </pre>
 *
 * <p>Dependencies point inward: this module depends on {@code gridwire-core} only, never on
 * {@code gridwire-web}, and the web module does not know it. The web server mounts it through what
 * core and Javalin already define: its REST paths are {@link io.gridwire.core.api.ApiRoute}s the
 * server puts behind its own auth, body bound and JSON; the socket and the open
 * {@code /devices/health} are mounted through the server's endpoint hook (a
 * {@code Consumer<RoutesConfig>}), because a device authenticates in its first message, not with a
 * bearer token. Checking a device's password or token is the core port
 * {@link io.gridwire.core.user.DeviceCredentials}, implemented by the web module's
 * {@code DeviceLogin} over the users it already holds. Only {@code gridwire-app}'s wiring connects
 * the two, so there is one place objects are built and no package or module cycle: the other
 * direction (this module depending on the web module) would make the web server a library of
 * the connector and keep {@code WebServer} building device objects.
 *
 * <p>Inside the module, {@code session} knows the command side only as
 * {@link io.gridwire.wsdevice.session.CommandLink}, so {@code command} depends on {@code session}
 * and not the other way round.
 */
package io.gridwire.wsdevice;
