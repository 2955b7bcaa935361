package io.autoanime.sonarr;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** What the sync keeps of Sonarr's JSON, decoded and validated by {@link SonarrDecoder}. */
public final class SonarrModels {
  private SonarrModels() {}

  /** Ids that Sonarr sends as 0 when unknown are decoded as null. */
  public record Series(
      long id,
      Long tvdbId,
      String title,
      String sortTitle,
      String status,
      String seriesType,
      String overview,
      String network,
      String airTime,
      String certification,
      Integer year,
      Integer runtime,
      Boolean monitored,
      Boolean useSceneNumbering,
      String path,
      String imdbId,
      Long tmdbId,
      Long tvMazeId,
      OffsetDateTime firstAired,
      OffsetDateTime added,
      List<String> genres,
      Statistics statistics,
      List<Season> seasons,
      List<Image> images,
      List<AlternateTitle> alternateTitles) {}

  public record Statistics(
      Integer seasonCount, Integer episodeCount, Integer episodeFileCount, Integer totalEpisodeCount, Long sizeOnDisk) {
    public static final Statistics NONE = new Statistics(null, null, null, null, null);
  }

  public record Season(int seasonNumber, Boolean monitored, Statistics statistics) {}

  public record Image(String coverType, String url, String remoteUrl) {}

  /** {@code sceneSeasonNumber} -1 means every season (Sonarr's own convention; also used when absent). */
  public record AlternateTitle(String title, int sceneSeasonNumber, Integer seasonNumber, String sceneOrigin, String comment) {}

  public record Episode(
      long id,
      Long tvdbId,
      int seasonNumber,
      int episodeNumber,
      Integer absoluteEpisodeNumber,
      String title,
      String overview,
      LocalDate airDate,
      OffsetDateTime airDateUtc,
      Integer runtime,
      Boolean hasFile,
      Boolean monitored,
      Long episodeFileId) {}

  public record SystemStatus(String appName, String version, String instanceName) {}
}
