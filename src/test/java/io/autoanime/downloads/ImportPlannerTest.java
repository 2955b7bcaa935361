package io.autoanime.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanime.downloads.ImportPlanner.EpisodeNumbers;
import io.autoanime.downloads.ImportPlanner.TorrentFileEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportPlannerTest {
  @Test
  void one_episode_takes_the_video_file_named_for_it_and_reports_the_others() {
    ImportPlan plan = ImportPlanner.plan(List.of(new EpisodeNumbers(11, 1, 5, 5)), List.of(
        new TorrentFileEntry("Show/sample.mkv", 10_000),
        new TorrentFileEntry("Show/[Group] Show - 05 [1080p].mkv", 900_000_000),
        new TorrentFileEntry("Show/cover.jpg", 2_000_000_000),
        new TorrentFileEntry("Show/[Group] Show - 05 [1080p].ass", 50_000)), true);

    assertThat(plan.files()).containsExactly(new ImportPlan.FileForEpisodes("Show/[Group] Show - 05 [1080p].mkv", List.of(11L)));
    assertThat(plan.unplacedFiles()).containsExactly("Show/sample.mkv");
    assertThat(plan.episodesWithoutFile()).isEmpty();
  }

  @Test
  void one_episode_of_a_batch_takes_its_own_file_not_the_largest() {
    ImportPlan plan = ImportPlanner.plan(List.of(new EpisodeNumbers(2, 1, 2, 2)), List.of(
        new TorrentFileEntry("Batch/[Judas] Show - 01.mkv", 1_000),
        new TorrentFileEntry("Batch/[Judas] Show - 02.mkv", 2_000),
        new TorrentFileEntry("Batch/[Judas] Show - 03.mkv", 3_000)), true);

    assertThat(plan.files()).containsExactly(new ImportPlan.FileForEpisodes("Batch/[Judas] Show - 02.mkv", List.of(2L)));
    assertThat(plan.unplacedFiles()).containsExactly("Batch/[Judas] Show - 01.mkv", "Batch/[Judas] Show - 03.mkv");
    assertThat(plan.episodesWithoutFile()).isEmpty();
  }

  @Test
  void files_that_name_only_other_episodes_are_never_imported_as_the_tracked_one() {
    ImportPlan plan = ImportPlanner.plan(List.of(new EpisodeNumbers(2, 1, 2, 2)), List.of(
        new TorrentFileEntry("Batch/[Judas] Show - 01.mkv", 1_000),
        new TorrentFileEntry("Batch/[Judas] Show - 03.mkv", 3_000)), true);

    assertThat(plan.files()).isEmpty();
    assertThat(plan.unplacedFiles()).containsExactly("Batch/[Judas] Show - 01.mkv", "Batch/[Judas] Show - 03.mkv");
    assertThat(plan.episodesWithoutFile()).containsExactly(2L);
  }

  @Test
  void one_video_file_is_the_episode_whatever_its_name() {
    ImportPlan plan = ImportPlanner.plan(List.of(new EpisodeNumbers(11, 1, 5, 5)),
        List.of(new TorrentFileEntry("Show/episode.mkv", 900), new TorrentFileEntry("Show/info.nfo", 10)), true);

    assertThat(plan.files()).containsExactly(new ImportPlan.FileForEpisodes("Show/episode.mkv", List.of(11L)));
  }

  @Test
  void unnumbered_files_give_the_largest_only_when_it_dwarfs_the_others() {
    List<EpisodeNumbers> one = List.of(new EpisodeNumbers(11, 1, 5, 5));
    ImportPlan withSample = ImportPlanner.plan(one, List.of(new TorrentFileEntry("Show/sample.mkv", 20_000),
        new TorrentFileEntry("Show/Show.mkv", 20_000 * ImportPlanner.MAIN_FILE_FACTOR)), true);
    ImportPlan twoAlike = ImportPlanner.plan(one, List.of(new TorrentFileEntry("Show/part A.mkv", 20_000),
        new TorrentFileEntry("Show/part B.mkv", 30_000)), true);

    assertThat(withSample.files()).containsExactly(new ImportPlan.FileForEpisodes("Show/Show.mkv", List.of(11L)));
    assertThat(withSample.unplacedFiles()).containsExactly("Show/sample.mkv");
    assertThat(twoAlike.files()).isEmpty();
    assertThat(twoAlike.unplacedFiles()).containsExactly("Show/part A.mkv", "Show/part B.mkv");
    assertThat(twoAlike.episodesWithoutFile()).containsExactly(11L);
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
