#!/usr/bin/with-contenv bashio
# shellcheck shell=bash
# Starts Gridwire inside the Home Assistant add-on: maps /data/options.json to a config file,
# picks up the MQTT broker the Supervisor announces (the Mosquitto add-on) unless the options name
# one, passes passwords in the environment, and runs the gateway with the configured heap.
set -euo pipefail

# Overridable for the add-on's test, which runs this script with stand-ins for bashio and java.
OPTIONS="${GRIDWIRE_ADDON_OPTIONS:-/data/options.json}"
CONFIG="${GRIDWIRE_ADDON_CONFIG:-/tmp/gridwire.yaml}"
HERE="${GRIDWIRE_ADDON_HOME:-/opt/gridwire}"

mqtt_service=null
if [[ "$(jq -r '.mqtt_enabled' "$OPTIONS")" == "true" && -z "$(jq -r '.mqtt_broker_url // ""' "$OPTIONS")" ]]; then
  if bashio::services.available "mqtt"; then
    mqtt_service="$(jq -n \
      --arg host "$(bashio::services mqtt host)" --arg port "$(bashio::services mqtt port)" \
      --arg ssl "$(bashio::services mqtt ssl)" --arg user "$(bashio::services mqtt username)" \
      '{host: $host, port: ($port | tonumber), ssl: ($ssl == "true"), username: $user}')"
    GRIDWIRE_MQTT_PASSWORD="$(bashio::services mqtt password)"
    export GRIDWIRE_MQTT_PASSWORD
    bashio::log.info "MQTT: using the broker the Supervisor announces ($(bashio::services mqtt host):$(bashio::services mqtt port))"
  else
    bashio::log.info "MQTT: no broker announced (install the Mosquitto broker add-on) and none set; using Gridwire's embedded broker"
  fi
fi

if [[ "$(jq -r '.mqtt_broker_url // ""' "$OPTIONS")" != "" ]]; then
  GRIDWIRE_MQTT_PASSWORD="$(jq -r '.mqtt_password // ""' "$OPTIONS")"
  export GRIDWIRE_MQTT_PASSWORD
fi

admin_email="$(jq -r '.admin_email // ""' "$OPTIONS")"
admin_password="$(jq -r '.admin_password // ""' "$OPTIONS")"
if [[ -n "$admin_email" && -n "$admin_password" ]]; then
  export GRIDWIRE_ADMIN_EMAIL="$admin_email" GRIDWIRE_ADMIN_PASSWORD="$admin_password"
else
  bashio::log.info "No admin_email/admin_password set: on the first start Gridwire creates an admin and prints its password once in this log."
fi

jq -f "$HERE/options-to-config.jq" --argjson mqtt "$mqtt_service" "$OPTIONS" > "$CONFIG"
chmod 600 "$CONFIG"

heap="$(jq -r '.java_max_heap_mb' "$OPTIONS")"
bashio::log.info "Starting Gridwire (heap ${heap} MB, data in /data)"
exec java --enable-native-access=ALL-UNNAMED "-Xmx${heap}m" -XX:+UseG1GC -XX:GCTimeRatio=4 -Xms32m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=50 -XX:MaxMetaspaceSize=96m -Xss512k \
  -jar "$HERE/gridwire.jar" run --config "$CONFIG"
