package io.autoanime.library;

import java.util.Set;

/**
 * The columns that belong to the user. Only the user-facing routes and the download-status address
 * write them; a sync never does. The sync's upsert statements check themselves against this list
 * when they are built, so a synced column list can never name one of these by mistake.
 */
public final class UserColumns {
  public static final String IS_AUTO_DOWNLOAD_ENABLED = "is_auto_download_enabled";
  public static final String AUTO_DOWNLOAD_STATUS = "auto_download_status";
  public static final String DOWNLOADED_AT = "downloaded_at";

  public static final Set<String> ALL = Set.of(IS_AUTO_DOWNLOAD_ENABLED, AUTO_DOWNLOAD_STATUS, DOWNLOADED_AT);

  private UserColumns() {}

  public static boolean isUserColumn(String column) {
    return ALL.contains(column);
  }
}
