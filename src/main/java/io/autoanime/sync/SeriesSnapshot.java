package io.autoanime.sync;

import io.autoanime.sonarr.SonarrModels.AlternateTitle;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.sonarr.SonarrModels.Image;
import io.autoanime.sonarr.SonarrModels.Season;
import io.autoanime.sonarr.SonarrModels.Series;
import io.autoanime.sonarr.SonarrModels.Statistics;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * One series as Sonarr lists it, made ready to write: one entry per natural key (a statement cannot
 * update the same row twice, and Sonarr's replies can repeat an id), and a season row for every
 * season an episode names even if the series' season list left it out. Carries the fingerprint of
 * the Sonarr data it was made from, saved with the write.
 */
record SeriesSnapshot(Series series, List<Season> seasons, List<Image> images, List<AlternateTitle> alternateTitles,
    List<Episode> episodes, List<String> warnings, String fingerprint) {

  /**
   * A checksum of what Sonarr sent for the series (its decoded record and the episode list's raw
   * bytes) and of how it is written ({@code statementsVersion}, see {@link SyncedTables#version()}).
   * Equal fingerprints mean there is nothing to write, and the list need not even be decoded; a
   * changed synced column changes every fingerprint, so the next sync writes every series again.
   * Two independent 32-bit CRCs (CRC-32C and CRC-32) and the length: a change goes unseen with a
   * chance of about one in 2^64, and both run on the processor's CRC instructions from the JVM's
   * first second on (SHA-256, used before, runs on its SHA instructions only once C2 has compiled it:
   * on a fresh JVM it was a sixth of a start-up sync's CPU, see docs/cold-start.md).
   */
  static String fingerprintOf(String statementsVersion, Series series, Buffer episodesBody) {
    byte[] version = statementsVersion.getBytes(StandardCharsets.UTF_8);
    byte[] record = series.toString().getBytes(StandardCharsets.UTF_8);
    byte[] episodes = episodesBody.getBytes();
    CRC32C castagnoli = new CRC32C();
    CRC32 ieee = new CRC32();
    for (Checksum checksum : List.of(castagnoli, ieee)) {
      checksum.update(version);
      checksum.update(0);
      checksum.update(record);
      checksum.update(0);
      checksum.update(episodes);
    }
    HexFormat hex = HexFormat.of();
    return "crc-" + hex.toHexDigits((int) castagnoli.getValue()) + hex.toHexDigits((int) ieee.getValue()) + "-"
        + (version.length + 1 + record.length + 1 + episodes.length);
  }

  static SeriesSnapshot of(Series series, List<Episode> episodes, String fingerprint) {
    List<String> warnings = new ArrayList<>();
    String where = "series " + series.id();
    Map<Integer, Season> seasons = byKey(series.seasons(), Season::seasonNumber, where + " season", warnings);
    List<Episode> uniqueEpisodes = List.copyOf(byKey(episodes, Episode::id, where + " episode", warnings).values());
    for (Episode episode : uniqueEpisodes) {
      seasons.putIfAbsent(episode.seasonNumber(), new Season(episode.seasonNumber(), null, Statistics.NONE));
    }
    List<Season> uniqueSeasons = List.copyOf(seasons.values());
    List<Image> images = List.copyOf(byKey(series.images(), Image::coverType, where + " image", warnings).values());
    List<AlternateTitle> titles = List.copyOf(byKey(series.alternateTitles(),
        t -> t.title() + "\u0000" + t.sceneSeasonNumber(), where + " alternate title", warnings).values());
    return new SeriesSnapshot(series, uniqueSeasons, images, titles, uniqueEpisodes, warnings, fingerprint);
  }

  /** Keeps the last of each key, as a later entry in Sonarr's reply is the one it wrote last. */
  private static <K, T> Map<K, T> byKey(List<T> items, Function<T, K> key, String what, List<String> warnings) {
    Map<K, T> unique = new LinkedHashMap<>();
    for (T item : items) {
      if (unique.put(key.apply(item), item) != null) {
        warnings.add(what + " " + String.valueOf(key.apply(item)).replace('\u0000', '/') + " appears more than once; the last one was kept");
      }
    }
    return unique;
  }
}
