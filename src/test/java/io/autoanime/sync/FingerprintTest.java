package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.sonarr.SonarrDecoder;
import io.autoanime.sonarr.SonarrModels.Series;
import io.autoanime.training.GeneratedLibrary;
import io.vertx.core.buffer.Buffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A series' fingerprint: the same for the same Sonarr data, different when any of it changes. */
class FingerprintTest {
  private static final String VERSION = SyncedTables.STANDARD.version();
  private final GeneratedLibrary library = new GeneratedLibrary(20, 600);

  @Test
  void the_same_data_gives_the_same_fingerprint_and_any_change_another() {
    Series series = series(4);
    Buffer episodes = Buffer.buffer(library.episodesJson(4));
    String fingerprint = SeriesSnapshot.fingerprintOf(VERSION, series, episodes);

    assertThat(SeriesSnapshot.fingerprintOf(VERSION, series(4), Buffer.buffer(library.episodesJson(4)))).isEqualTo(fingerprint);
    assertThat(fingerprint).matches("crc-[0-9a-f]{16}-\\d+");

    Set<String> changed = new HashSet<>();
    byte[] bytes = episodes.getBytes();
    for (int at = 0; at < bytes.length; at += 97) {
      byte[] edited = bytes.clone();
      edited[at] ^= 0x01;
      changed.add(SeriesSnapshot.fingerprintOf(VERSION, series, Buffer.buffer(edited)));
    }
    changed.add(SeriesSnapshot.fingerprintOf(VERSION, series, Buffer.buffer(library.episodesJson(4) + " ")));
    changed.add(SeriesSnapshot.fingerprintOf(VERSION, series(5), episodes));
    changed.add(SeriesSnapshot.fingerprintOf(VERSION + "'", series, episodes));
    library.revision(1);
    changed.add(SeriesSnapshot.fingerprintOf(VERSION, series, Buffer.buffer(library.episodesJson(4))));

    assertThat(changed).doesNotContain(fingerprint).hasSize(bytes.length / 97 + (bytes.length % 97 == 0 ? 0 : 1) + 4);
  }

  private Series series(long id) {
    return SonarrDecoder.singleSeries(library.series(id).toBuffer(), "/api/v3/series/" + id);
  }
}
