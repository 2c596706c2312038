package io.gridwire.app.config;

import io.gridwire.core.config.Check;
import io.gridwire.core.config.Doc;

/**
 * The whole configuration: one YAML file ({@code gridwire.yaml}), every key overridable by an
 * environment variable ({@code GRIDWIRE_} + the key path in upper snake case, e.g.
 * {@code GRIDWIRE_HTTP_PORT}). See {@link ConfigLoader}.
 */
public record GridwireConfig(
    @Doc("This node.") NodeConfig node,
    @Doc("HTTP server.") io.gridwire.web.WebConfig http,
    @Doc("Users and first admin.") AuthConfig auth,
    @Doc("Storage.") io.gridwire.store.StorageConfig storage,
    @Doc("Synthetic demo device.") DemoConfig demo,
    @Doc("OIG Box proxy.") io.gridwire.oig.proxy.OigConfig oig,
    @Doc("Cloud uplink.") io.gridwire.uplink.ws.UplinkConfig uplink,
    @Doc("InfluxDB export.") io.gridwire.uplink.influx.InfluxConfig influx,
    @Doc("Modbus poller.") io.gridwire.modbus.config.ModbusSection modbus,
    @Doc("MQTT.") io.gridwire.mqtt.MqttConfig mqtt,
    @Doc("WebSocket devices.") io.gridwire.wsdevice.config.WsDevicesConfig wsDevices,
    @Doc("Fleet of nodes through Redis.") io.gridwire.store.redis.RedisConfig redis,
    @Doc("Alarms: the active list and rules.") AlarmsConfig alarms,
    @Doc("Alarm notifications.") io.gridwire.notify.NotificationsConfig notifications,
    @Doc("Report by exception: which values reach history, MQTT, uplink, InfluxDB, /ws/metrics and the fleet.") ReportByExceptionConfig reportByException,
    @Doc("The command ledger: bounds and time-to-live of commands to devices.") io.gridwire.core.command.LedgerConfig commands) {

  public GridwireConfig {
    node = Check.orDefault(node, NodeConfig.defaults());
    http = Check.orDefault(http, io.gridwire.web.WebConfig.defaults());
    auth = Check.orDefault(auth, AuthConfig.defaults());
    storage = Check.orDefault(storage, io.gridwire.store.StorageConfig.defaults());
    demo = Check.orDefault(demo, DemoConfig.defaults());
    oig = Check.orDefault(oig, io.gridwire.oig.proxy.OigConfig.defaults());
    uplink = Check.orDefault(uplink, io.gridwire.uplink.ws.UplinkConfig.defaults());
    influx = Check.orDefault(influx, io.gridwire.uplink.influx.InfluxConfig.defaults());
    modbus = Check.orDefault(modbus, io.gridwire.modbus.config.ModbusSection.defaults());
    mqtt = Check.orDefault(mqtt, io.gridwire.mqtt.MqttConfig.defaults());
    wsDevices = Check.orDefault(wsDevices, io.gridwire.wsdevice.config.WsDevicesConfig.defaults());
    redis = Check.orDefault(redis, io.gridwire.store.redis.RedisConfig.defaults());
    alarms = Check.orDefault(alarms, AlarmsConfig.defaults());
    notifications = Check.orDefault(notifications, io.gridwire.notify.NotificationsConfig.defaults());
    reportByException = Check.orDefault(reportByException, ReportByExceptionConfig.defaults());
    commands = Check.orDefault(commands, io.gridwire.core.command.LedgerConfig.DEFAULTS);
    if (uplink.enabled() && !uplink.mqttTopics().isEmpty() && !mqtt.enabled()) {
      throw new IllegalArgumentException("uplink.mqtt_topics is set but mqtt.enabled is false: raw MQTT messages come"
          + " through the gateway's MQTT connection (enable mqtt, with ingest and publish off if only forwarding)");
    }
  }

  public static GridwireConfig defaults() {
    return new GridwireConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
