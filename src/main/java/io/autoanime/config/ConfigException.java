package io.autoanime.config;

/** A setting is missing or malformed. The message names the setting, never its secret value. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
