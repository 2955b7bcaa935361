package io.autoanime.qbittorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** qBittorrent's state names of 4.x and 5.x, mapped. */
class TorrentStateTest {

  static Stream<Arguments> states() {
    return Stream.of(
        Arguments.of("uploading", 1.0, TorrentState.COMPLETED),
        Arguments.of("stalledUP", 1.0, TorrentState.COMPLETED),
        Arguments.of("queuedUP", 1.0, TorrentState.COMPLETED),
        Arguments.of("forcedUP", 1.0, TorrentState.COMPLETED),
        Arguments.of("checkingUP", 1.0, TorrentState.COMPLETED),
        Arguments.of("pausedUP", 1.0, TorrentState.COMPLETED),
        Arguments.of("stoppedUP", 1.0, TorrentState.COMPLETED),
        // an upload-side state short of 100 % (some files deselected): not finished
        Arguments.of("stalledUP", 0.6, TorrentState.STALLED),
        Arguments.of("uploading", 0.99, TorrentState.STALLED),
        Arguments.of("checkingUP", 0.3, TorrentState.CHECKING),
        Arguments.of("pausedUP", 0.5, TorrentState.PAUSED),
        Arguments.of("stoppedUP", 0.5, TorrentState.PAUSED),
        Arguments.of("metaDL", 0.0, TorrentState.METADATA),
        Arguments.of("forcedMetaDL", 0.0, TorrentState.METADATA),
        Arguments.of("queuedDL", 0.0, TorrentState.QUEUED),
        Arguments.of("downloading", 0.4, TorrentState.DOWNLOADING),
        Arguments.of("forcedDL", 0.4, TorrentState.DOWNLOADING),
        Arguments.of("stalledDL", 0.4, TorrentState.STALLED),
        Arguments.of("checkingDL", 0.4, TorrentState.CHECKING),
        Arguments.of("checkingResumeData", 0.0, TorrentState.CHECKING),
        Arguments.of("pausedDL", 0.4, TorrentState.PAUSED),
        Arguments.of("stoppedDL", 0.4, TorrentState.PAUSED),
        // a finished download checked or moved is not finished until it is back in an upload-side state
        Arguments.of("checkingDL", 1.0, TorrentState.CHECKING),
        Arguments.of("moving", 1.0, TorrentState.MOVING),
        Arguments.of("error", 0.7, TorrentState.ERROR),
        Arguments.of("error", 1.0, TorrentState.ERROR),
        Arguments.of("missingFiles", 1.0, TorrentState.MISSING_FILES),
        Arguments.of("unknown", 0.0, TorrentState.UNKNOWN),
        Arguments.of("someStateOfQbittorrent9", 1.0, TorrentState.UNKNOWN),
        Arguments.of(null, 1.0, TorrentState.UNKNOWN));
  }

  @ParameterizedTest(name = "{0} at {1} is {2}")
  @MethodSource("states")
  void mapsEveryState(String qbState, double progress, TorrentState expected) {
    assertThat(TorrentState.of(qbState, progress)).isEqualTo(expected);
  }

  @Test
  void onlyCompletedIsFinishedAndOnlyErrorsFailed() {
    for (TorrentState state : TorrentState.values()) {
      assertThat(state.finished()).as(state.name()).isEqualTo(state == TorrentState.COMPLETED);
      assertThat(state.failed()).as(state.name())
          .isEqualTo(state == TorrentState.ERROR || state == TorrentState.MISSING_FILES);
    }
  }
}
