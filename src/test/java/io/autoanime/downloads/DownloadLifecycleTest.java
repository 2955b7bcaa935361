package io.autoanime.downloads;

import static io.autoanime.downloads.DownloadStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.downloads.DownloadLifecycle.Event;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DownloadLifecycleTest {
  @Test
  void a_download_goes_from_queued_to_imported() {
    assertThat(DownloadLifecycle.next(QUEUED, Event.SENT)).contains(DOWNLOADING);
    assertThat(DownloadLifecycle.next(DOWNLOADING, Event.FINISHED)).contains(IMPORTING);
    assertThat(DownloadLifecycle.next(IMPORTING, Event.IMPORTED)).contains(IMPORTED);
  }

  @Test
  void failures_are_retried_in_place_until_the_last_try_gives_up() {
    assertThat(DownloadLifecycle.next(QUEUED, Event.SEND_FAILED)).contains(QUEUED);
    assertThat(DownloadLifecycle.next(QUEUED, Event.SEND_GAVE_UP)).contains(FAILED);
    assertThat(DownloadLifecycle.next(IMPORTING, Event.IMPORT_FAILED)).contains(IMPORTING);
    assertThat(DownloadLifecycle.next(IMPORTING, Event.IMPORT_GAVE_UP)).contains(FAILED);
    assertThat(DownloadLifecycle.next(DOWNLOADING, Event.TORRENT_FAILED)).contains(FAILED);
    assertThat(DownloadLifecycle.next(DOWNLOADING, Event.TORRENT_GONE)).contains(FAILED);
  }

  @Test
  void only_a_failed_download_is_retried_and_a_retry_starts_over() {
    for (DownloadStatus status : DownloadStatus.values()) {
      assertThat(DownloadLifecycle.next(status, Event.RETRIED))
          .isEqualTo(status == FAILED ? Optional.of(QUEUED) : Optional.empty());
    }
  }

  @Test
  void anything_but_an_imported_or_cancelled_download_can_be_cancelled() {
    for (DownloadStatus status : DownloadStatus.values()) {
      boolean cancellable = !EnumSet.of(IMPORTED, CANCELLED).contains(status);
      assertThat(DownloadLifecycle.next(status, Event.CANCELLED)).isEqualTo(cancellable ? Optional.of(CANCELLED) : Optional.empty());
    }
  }

  @Test
  void imported_and_cancelled_are_final() {
    for (Event event : Event.values()) {
      assertThat(DownloadLifecycle.next(IMPORTED, event)).as("imported, " + event).isEmpty();
      assertThat(DownloadLifecycle.next(CANCELLED, event)).as("cancelled, " + event).isEmpty();
    }
  }

  @Test
  void a_late_event_for_a_state_it_does_not_belong_to_changes_nothing() {
    assertThat(DownloadLifecycle.next(QUEUED, Event.FINISHED)).isEmpty();
    assertThat(DownloadLifecycle.next(IMPORTING, Event.SENT)).isEmpty();
    assertThat(DownloadLifecycle.next(FAILED, Event.IMPORTED)).isEmpty();
  }

  @Test
  void sonarr_reporting_the_import_itself_counts_as_imported() {
    for (DownloadStatus status : EnumSet.of(QUEUED, DOWNLOADING, IMPORTING, FAILED)) {
      assertThat(DownloadLifecycle.next(status, Event.SONARR_REPORTED_IMPORT)).contains(IMPORTED);
    }
  }

  @Test
  void episodes_follow_their_download() {
    assertThat(QUEUED.episodeStatus()).isEqualTo("downloading");
    assertThat(DOWNLOADING.episodeStatus()).isEqualTo("downloading");
    assertThat(IMPORTING.episodeStatus()).isEqualTo("downloading");
    assertThat(IMPORTED.episodeStatus()).isEqualTo("downloaded");
    assertThat(FAILED.episodeStatus()).isEqualTo("failed");
    assertThat(CANCELLED.episodeStatus()).isNull();
  }
}
