package io.autoanime.sync;

public enum RunStatus {
  RUNNING, SUCCEEDED, PARTIAL, FAILED;

  public String wireName() {
    return name().toLowerCase();
  }

  static RunStatus parse(String wireName) {
    for (RunStatus status : values()) {
      if (status.wireName().equals(wireName)) {
        return status;
      }
    }
    throw new IllegalArgumentException("no run status '" + wireName + "'");
  }
}
