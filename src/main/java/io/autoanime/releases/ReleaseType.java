package io.autoanime.releases;

import java.util.Locale;

/** What a release holds, as far as its title tells. */
public enum ReleaseType {
  /** One or more episodes of a series (a batch too). */
  EPISODE,
  /** OVA/OAD/SP, NCOP/NCED/PV/CM, recaps numbered x.5: Sonarr's season 0. */
  SPECIAL,
  MOVIE,
  /** Not an anime release to match (no name, music, manga...). */
  NONE;

  /** The lower-case name used in JSON. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ReleaseType fromJson(String value) {
    for (ReleaseType type : values()) {
      if (type.json().equals(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown release type: " + value);
  }
}
