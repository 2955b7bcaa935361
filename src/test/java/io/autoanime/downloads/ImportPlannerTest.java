package io.autoanime.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.downloads.ImportPlanner.EpisodeNumbers;
import io.autoanime.downloads.ImportPlanner.TorrentFileEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportPlannerTest {
  @Test
  void one_episode_takes_the_largest_video_file() {
    ImportPlan plan = ImportPlanner.plan(List.of(new EpisodeNumbers(11, 1, 5, 5)), List.of(
        new TorrentFileEntry("Show/sample.mkv", 10_000),
        new TorrentFileEntry("Show/[Group] Show - 05 [1080p].mkv", 900_000_000),
        new TorrentFileEntry("Show/cover.jpg", 2_000_000_000),
        new TorrentFileEntry("Show/[Group] Show - 05 [1080p].ass", 50_000)), true);

    assertThat(plan.files()).containsExactly(new ImportPlan.FileForEpisodes("Show/[Group] Show - 05 [1080p].mkv", List.of(11L)));
    assertThat(plan.unplacedFiles()).isEmpty();
    assertThat(plan.episodesWithoutFile()).isEmpty();
  }

  @Test
  void a_batch_places_each_file_by_its_own_number_and_reports_what_it_cannot_place() {
    List<EpisodeNumbers> episodes = List.of(new EpisodeNumbers(1, 2, 1, 13), new EpisodeNumbers(2, 2, 2, 14),
        new EpisodeNumbers(3, 2, 3, 15));
    ImportPlan plan = ImportPlanner.plan(episodes, List.of(
        new TorrentFileEntry("Batch/[Group] Show - 13 [1080p].mkv", 500),
        new TorrentFileEntry("Batch/[Group] Show - 14 [1080p].mkv", 500),
        new TorrentFileEntry("Batch/[Group] Show - NCOP [1080p].mkv", 100),
        new TorrentFileEntry("Batch/notes.txt", 1)), true);

    assertThat(plan.files()).containsExactly(
        new ImportPlan.FileForEpisodes("Batch/[Group] Show - 13 [1080p].mkv", List.of(1L)),
        new ImportPlan.FileForEpisodes("Batch/[Group] Show - 14 [1080p].mkv", List.of(2L)));
    assertThat(plan.unplacedFiles()).containsExactly("Batch/[Group] Show - NCOP [1080p].mkv");
    assertThat(plan.episodesWithoutFile()).containsExactly(3L);
  }

  @Test
  void a_season_batch_of_a_standard_series_is_read_within_the_season() {
    List<EpisodeNumbers> episodes = List.of(new EpisodeNumbers(1, 2, 1, null), new EpisodeNumbers(2, 2, 2, null));
    ImportPlan plan = ImportPlanner.plan(episodes, List.of(
        new TorrentFileEntry("Show.S02/Show.S02E02.1080p.WEB.x264-GRP.mkv", 5),
        new TorrentFileEntry("Show.S02/Show.S02E01.1080p.WEB.x264-GRP.mkv", 5)), false);

    assertThat(plan.files()).extracting(ImportPlan.FileForEpisodes::episodeIds).containsExactly(List.of(1L), List.of(2L));
  }

  @Test
  void a_torrent_without_a_video_file_places_nothing() {
    ImportPlan plan = ImportPlanner.plan(List.of(new EpisodeNumbers(1, 1, 1, 1)),
        List.of(new TorrentFileEntry("Show - 01.rar", 700_000_000)), true);

    assertThat(plan.files()).isEmpty();
    assertThat(plan.episodesWithoutFile()).containsExactly(1L);
  }
}
