package io.gridwire.wsdevice;

import io.gridwire.core.cluster.Cluster;
import io.gridwire.web.TestGateway;
import io.gridwire.web.WebConfig;
import io.gridwire.web.auth.DeviceLogin;
import io.gridwire.wsdevice.config.DeviceConfig;
import java.util.function.UnaryOperator;

/** A {@link TestGateway} with the WebSocket device connector mounted as the app mounts it. */
public final class DeviceGateway extends TestGateway {
  /** The connector, once started. */
  public WsDevices devices;

  /** Starts the connector with {@code config} and the web server around it, optionally as a node of a fleet. */
  public DeviceGateway start(UnaryOperator<WebConfig> tweak, DeviceConfig config, Cluster cluster) {
    DeviceLogin login = DeviceLogin.of(users, RUNTIME.bcryptCost(), clock, config.addressFailuresPerMinute(),
        config.accountFailuresPerMinute());
    devices = new WsDevices(config, new WsDeviceDependencies(registry, readings, events, users, login, admission, meters,
        clock, cluster, () -> server != null && server.healthy()));
    routes.addAll(devices.routes());
    endpoints.add(devices::mount);
    start(tweak, cluster);
    return this;
  }

  /** Closes the device connections first, as the gateway does, then the web server. */
  @Override
  public void close() {
    if (devices != null) devices.close();
    super.close();
  }
}
