# Maps the add-on's options (/data/options.json, the input) to Gridwire's configuration, printed
# as JSON (which is YAML, so Gridwire reads it as its config file). $mqtt is the MQTT service the
# Supervisor announces ({host, port, ssl, username, password}, e.g. the Mosquitto add-on) or null.
# Passwords are never written here: run.sh passes them in the environment
# (GRIDWIRE_ADMIN_PASSWORD, GRIDWIRE_MQTT_PASSWORD).
#
#   jq -f options-to-config.jq --argjson mqtt "$SERVICE_JSON_OR_null" /data/options.json

def set: . != null and . != "";
def when($cond; $obj): if $cond then $obj else {} end;

def broker($o):
  if ($o.mqtt_broker_url | set) then
    {broker_url: $o.mqtt_broker_url} + when($o.mqtt_username | set; {username: $o.mqtt_username})
  elif $mqtt != null then
    {broker_url: "\(if $mqtt.ssl == true then "mqtts" else "mqtt" end)://\($mqtt.host):\($mqtt.port)"}
    + when($mqtt.username | set; {username: $mqtt.username})
  else
    {} # no broker given or announced: Gridwire's embedded broker
  end;

def modbus_device:
  {id, profile}
  + when(.host | set; {host})
  + when(.serial_port | set; {serial_port})
  + when(.baud != null; {baud})
  + when(.parity | set; {parity})
  + when(.stop_bits != null; {stop_bits})
  + when(.name | set; {name})
  + when(.site | set; {site})
  + when(.port != null; {port})
  + when(.unit_id != null; {unit_id})
  + when(.transport | set; {transport})
  + when(.interval_seconds != null; {interval: "\(.interval_seconds)s"});

. as $o
| {
    node: {data_dir: "/data"},
    http: {host: "0.0.0.0", port: 8099},
    storage: {retention: {raw: "\($o.history_retention_days)d"}},
    mqtt: ({enabled: ($o.mqtt_enabled == true)}
      + when($o.mqtt_enabled == true; broker($o)
        + {discovery_prefix: $o.mqtt_discovery_prefix, state_prefix: $o.mqtt_state_prefix,
           ha_controls: ($o.mqtt_ha_controls == true)})),
    oig: ({enabled: ($o.oig_enabled == true)}
      + when($o.oig_enabled == true; {listen_port: 5710, cloud_host: $o.oig_cloud_host})),
    modbus: {devices: [($o.modbus_devices // [])[] | modbus_device]}
  }
