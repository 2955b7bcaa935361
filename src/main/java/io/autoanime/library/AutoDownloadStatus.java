package io.autoanime.library;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The values of {@code auto_download_status}, as the database and the JSON API spell them. */
public enum AutoDownloadStatus {
  DISABLED, PENDING, DOWNLOADING, DOWNLOADED, FAILED, SKIPPED;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<AutoDownloadStatus> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
  }

  public static String allowedValues() {
    return Arrays.stream(values()).map(AutoDownloadStatus::wireName).collect(Collectors.joining(", "));
  }
}
