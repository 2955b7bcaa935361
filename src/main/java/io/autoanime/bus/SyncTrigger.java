package io.autoanime.bus;

import java.util.Optional;

/** Who asked for a run; recorded on the run. */
public enum SyncTrigger {
  STARTUP, HTTP, EVENTBUS, SCHEDULE, WEBHOOK;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<SyncTrigger> parse(String value) {
    for (SyncTrigger trigger : values()) {
      if (trigger.wireName().equals(value)) {
        return Optional.of(trigger);
      }
    }
    return Optional.empty();
  }
}
