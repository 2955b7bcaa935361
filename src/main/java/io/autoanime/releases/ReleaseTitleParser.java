package io.autoanime.releases;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger log = LoggerFactory.getLogger(ReleaseTitleParser.class);
  /** Longer feed titles are junk; reading only their start keeps every rule linear enough. */
  static final int LONGEST_TITLE = 1000;

  private ReleaseTitleParser() {}

  /** The parse of {@code title}; a null, blank or unreadable title gives type {@link ReleaseType#NONE}. */
  public static ParsedRelease parse(String title) {
    if (title == null || title.isBlank()) {
      return ParsedRelease.none();
    }
    try {
      return parseOrThrow(title);
    } catch (RuntimeException e) {
      log.warn("Could not read the release title \"{}\"; taken as no release", title, e);
      return ParsedRelease.none();
    }
  }

  /** {@link #parse} without the safety net, for tests that look for the parser's own faults. */
  static ParsedRelease parseOrThrow(String title) {
    String text = title.length() > LONGEST_TITLE ? title.substring(0, LONGEST_TITLE) : title;
    return new TitleReading(PreparedTitle.of(text)).read();
  }
}
