package io.autoanime.releases;

/**
 * Takes anime fansub and scene release titles apart: group, names of the show, season, episode
 * numbers, version, resolution, batch, type, CRC and tags. Pure functions; never throws.
 *
 * <pre>
 * [SubsPlease] Sousou no Frieren - 05 (1080p) [ABCD1234].mkv
 * [LoliHouse] 葬送的芙莉莲 第二季 / Sousou no Frieren 2nd Season - 07 [WebRip 1080p HEVC-10bit AAC]
 * [Judas] Black Clover - 091-123 [1080p][HEVC x265 10bit][Multi-Subs]
 * Series.Title.S01E05.1080p.WEB-DL.x264-GROUP
 * </pre>
 */
public final class ReleaseTitleParser {
  private ReleaseTitleParser() {}

  /** The parse of {@code title}; a null, blank or unreadable title gives type {@link ReleaseType#NONE}. */
  public static ParsedRelease parse(String title) {
    if (title == null || title.isBlank()) {
      return ParsedRelease.none();
    }
    try {
      return parseOrThrow(title);
    } catch (RuntimeException e) {
      return ParsedRelease.none();
    }
  }

  /** {@link #parse} without the safety net, for tests that look for the parser's own faults. */
  static ParsedRelease parseOrThrow(String title) {
    return new TitleReading(PreparedTitle.of(title)).read();
  }
}
