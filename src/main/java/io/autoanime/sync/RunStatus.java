package io.autoanime.sync;

public enum RunStatus {
  RUNNING, SUCCEEDED, PARTIAL, FAILED;

  public String wireName() {
    return name().toLowerCase();
  }
}
