package io.autoanime.sync;

/**
 * What writing one series did. {@code seriesChange} is UPDATED when any of its rows changed;
 * {@code seriesRowId} is the series' row (null when nothing was written for it).
 */
public record SeriesWriteResult(Long seriesRowId,
    Change seriesChange, int episodesInserted, int episodesUpdated, int episodesUnchanged, int episodesMarkedRemoved) {

  public enum Change { INSERTED, UPDATED, UNCHANGED }

  static SeriesWriteResult unchanged(int episodes) {
    return new SeriesWriteResult(null, Change.UNCHANGED, 0, 0, episodes, 0);
  }

  /** This result, its series counted as changed (updated) when it was counted unchanged. */
  SeriesWriteResult asChanged() {
    return seriesChange != Change.UNCHANGED ? this : new SeriesWriteResult(seriesRowId, Change.UPDATED,
        episodesInserted, episodesUpdated, episodesUnchanged, episodesMarkedRemoved);
  }
}
