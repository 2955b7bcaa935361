package io.autoanime.bus;

import java.util.Optional;

public enum SyncMode {
  /** Every series Sonarr lists; marks the ones it no longer lists as removed. */
  FULL,
  /** Only series not yet known. */
  NEW,
  /** One series, by its Sonarr id. */
  SERIES;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<SyncMode> parse(String value) {
    for (SyncMode mode : values()) {
      if (mode.wireName().equals(value)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
