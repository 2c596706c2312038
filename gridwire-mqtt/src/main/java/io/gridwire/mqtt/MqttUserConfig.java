package io.gridwire.mqtt;

import io.gridwire.core.config.Doc;
import java.util.List;

/** A client account of the embedded MQTT broker; its password comes from the environment only. */
public record MqttUserConfig(
    @Doc("MQTT user name (required).") String name,
    @Doc("Environment variable holding its password (required), e.g. GRIDWIRE_MQTT_LOGGER_PASSWORD.") String passwordEnv,
    @Doc("Topic filters it may publish to, e.g. [sito_001/datalogger/#].") List<String> publish,
    @Doc("Topic filters it may subscribe within (# only if listed as #); empty = none.") List<String> subscribe) {
  public MqttUserConfig {
    publish = publish == null ? List.of() : List.copyOf(publish);
    subscribe = subscribe == null ? List.of() : List.copyOf(subscribe);
  }
}
