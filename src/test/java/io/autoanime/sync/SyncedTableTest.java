package io.autoanime.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanime.sonarr.SonarrModels.AlternateTitle;
import io.autoanime.sonarr.SonarrModels.Episode;
import io.autoanime.sonarr.SonarrModels.Image;
import io.autoanime.sonarr.SonarrModels.Season;
import io.autoanime.sonarr.SonarrModels.Series;
import io.autoanime.sonarr.SonarrModels.Statistics;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The statements and their parameters come from one declaration per column: a column added to a
 * declaration (and nothing else) is carried by every statement and every parameter list, and it
 * changes the fingerprints. No database: the SQL is checked as text, the parameters as values.
 */
class SyncedTableTest {
  private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)::(\\w+)\\[]");

  private static final Series SERIES = new Series(1, 2L, "Title", "title", "continuing", "anime", "overview",
      "network", "20:00", "TV-14", 2024, 24, true, false, "/tv/title", "tt1", 3L, 4L,
      OffsetDateTime.parse("2024-01-01T00:00:00Z"), OffsetDateTime.parse("2024-02-01T00:00:00Z"), List.of("Drama"),
      new Statistics(1, 2, 3, 4, 5L), List.of(), List.of(), List.of());
  private static final List<ChildRow<Episode>> EPISODES = List.of(
      new ChildRow<>(10, new Episode(100, 1000L, 1, 1, 1, "One", "first", LocalDate.parse("2024-01-01"),
          OffsetDateTime.parse("2024-01-01T12:00:00Z"), 24, true, true, 7L)),
      new ChildRow<>(11, new Episode(101, null, 1, 2, null, "Two", null, null, null, null, false, true, null)));

  /** The table a new column lands in, declared once more than the standard one. */
  private static SyncedTable<ChildRow<Episode>> episodesWithANote() {
    return SyncedTables.STANDARD.episodes().copy()
        .column("release_note", ColumnType.TEXT, row -> "note of " + row.item().id());
  }

  @Test
  void a_column_added_to_the_declaration_is_in_every_part_of_the_upsert() {
    SyncedTable<ChildRow<Episode>> table = episodesWithANote();

    String sql = table.upsertSql();

    int last = table.parameterTypes().size();
    assertThat(last).isEqualTo(SyncedTables.STANDARD.episodes().parameterTypes().size() + 1);
    assertThat(sql)
        .contains("INSERT INTO series_episodes AS t (series_id, sonarr_episode_id,")
        .containsPattern("AS t \\([^)]*, release_note, is_auto_download_enabled, auto_download_status\\)")
        .containsPattern("SELECT [^\\n]*, u\\.release_note, COALESCE")
        .contains("$" + last + "::text[])")
        .containsPattern("AS u\\([^)]*, release_note\\)")
        .containsPattern("IS NOT DISTINCT FROM \\([^)]*, u\\.release_note\\)")
        .containsPattern("AND \\(current\\.[^)]*, current\\.release_note\\)")
        .contains("release_note = EXCLUDED.release_note,")
        .containsPattern("WHERE \\(t\\.[^)]*, t\\.release_note, t\\.removed_from_sonarr_at\\)")
        .containsPattern("IS DISTINCT FROM \\(EXCLUDED\\.[^)]*, EXCLUDED\\.release_note, NULL\\)");
    assertThat(table.upsertCountedPerSeriesSql()).contains(sql);
    assertThat(table.upsertOfNewRowsSql())
        .containsPattern("AS t \\([^)]*, release_note, is_auto_download_enabled, auto_download_status\\)")
        .containsPattern("SELECT [^\\n]*, u\\.release_note, COALESCE")
        .doesNotContain("NOT EXISTS")
        .doesNotContain("RETURNING")
        .startsWith(sql.substring(0, sql.indexOf(" WHERE NOT EXISTS")))
        .contains(sql.substring(sql.indexOf("ON CONFLICT"), sql.indexOf("RETURNING")));
    assertThat(table.syncedColumns()).endsWith("release_note");
  }

  @Test
  void a_column_added_to_the_declaration_is_bound_in_its_place_with_each_rows_value() {
    SyncedTable<ChildRow<Episode>> table = episodesWithANote();

    Tuple parameters = table.upsertParameters(EPISODES);

    assertThat(parameters.size()).isEqualTo(table.parameterTypes().size());
    assertThat((Object[]) parameters.getValue(parameters.size() - 1)).containsExactly("note of 100", "note of 101");
    // The parameters before it are those of the standard declaration, unchanged.
    Tuple standard = SyncedTables.STANDARD.episodes().upsertParameters(EPISODES);
    for (int i = 0; i < standard.size(); i++) {
      assertThat((Object[]) parameters.getValue(i)).containsExactly((Object[]) standard.getValue(i));
    }
  }

  @Test
  void every_statement_takes_as_many_parameters_as_it_is_given_each_of_its_declared_type() {
    SyncedTables tables = SyncedTables.STANDARD.withEpisodes(episodesWithANote());
    List<ChildRow<Season>> seasons = List.of(new ChildRow<>(10, new Season(1, true, Statistics.NONE)));
    List<ChildRow<Image>> images = List.of(new ChildRow<>(10, new Image("poster", "/p.jpg", "https://p")));
    List<ChildRow<AlternateTitle>> titles = List.of(new ChildRow<>(10, new AlternateTitle("Other", -1, null, null, null)));
    Long[] owners = {10L, 11L};

    assertBinds(tables.series().upsertSql(), tables.series().upsertParameters(List.of(SERIES)));
    assertBinds(tables.seasons().upsertSql(), tables.seasons().upsertParameters(seasons));
    assertBinds(tables.seasons().markAbsentSql(), tables.seasons().markAbsentParameters(owners, seasons));
    assertBinds(tables.images().upsertSql(), tables.images().upsertParameters(images));
    assertBinds(tables.images().markAbsentSql(), tables.images().markAbsentParameters(owners, images));
    assertBinds(tables.alternateTitles().upsertSql(), tables.alternateTitles().upsertParameters(titles));
    assertBinds(tables.alternateTitles().markAbsentSql(), tables.alternateTitles().markAbsentParameters(owners, titles));
    assertBinds(tables.episodes().upsertCountedPerSeriesSql(), tables.episodes().upsertParameters(EPISODES));
    assertBinds(tables.episodes().upsertOfNewRowsSql(), tables.episodes().upsertParameters(EPISODES));
    assertBinds(tables.episodes().markAbsentSql(), tables.episodes().markAbsentParameters(owners, EPISODES));
  }

  @Test
  void the_tombstones_of_a_child_table_compare_its_key_and_answer_its_owner() {
    String seasons = SyncedTables.STANDARD.seasons().markAbsentSql();
    String episodes = SyncedTables.STANDARD.episodes().markAbsentSql();

    assertThat(seasons).startsWith("UPDATE series_seasons t\n")
        .contains("WHERE t.series_id = ANY($1::bigint[]) AND t.removed_from_sonarr_at IS NULL")
        .contains("UNNEST($2::bigint[], $3::integer[]) AS listed(series_id, season_number)")
        .contains("listed.series_id = t.series_id AND listed.season_number = t.season_number")
        .endsWith("RETURNING t.series_id")
        .doesNotContain("DELETE");
    assertThat(episodes).contains("AND t.sonarr_episode_id IS NOT NULL")
        .contains("UNNEST($2::bigint[]) AS listed(sonarr_episode_id)");
    assertThat((Object[]) SyncedTables.STANDARD.episodes().markAbsentParameters(new Long[] {10L}, EPISODES).getValue(1))
        .containsExactly(100L, 101L);
    assertThatThrownBy(() -> SyncedTables.STANDARD.series().markAbsentSql()).hasMessageContaining("no owner");
  }

  @Test
  void a_changed_declaration_changes_the_version_and_with_it_every_fingerprint() {
    SyncedTables changed = SyncedTables.STANDARD.withEpisodes(episodesWithANote());
    Buffer body = Buffer.buffer("[]");

    assertThat(changed.version()).isNotEqualTo(SyncedTables.STANDARD.version());
    assertThat(SyncedTables.STANDARD.withEpisodes(SyncedTables.STANDARD.episodes().copy()).version())
        .as("the same declarations, the same version").isEqualTo(SyncedTables.STANDARD.version());
    assertThat(SeriesSnapshot.fingerprintOf(changed.version(), SERIES, body))
        .isNotEqualTo(SeriesSnapshot.fingerprintOf(SyncedTables.STANDARD.version(), SERIES, body));
    assertThat(SeriesSnapshot.fingerprintOf(SyncedTables.STANDARD.version(), SERIES, body))
        .isEqualTo(SeriesSnapshot.fingerprintOf(SyncedTables.STANDARD.version(), SERIES, Buffer.buffer("[]")));
  }

  @Test
  void a_column_is_declared_once() {
    assertThatThrownBy(() -> SyncedTables.STANDARD.episodes().copy().column("title", ColumnType.TEXT, row -> "again"))
        .hasMessageContaining("declared twice");
    assertThatThrownBy(() -> SyncedTable.<ChildRow<Episode>>named("series_episodes").conflictOn("sonarr_episode_id"))
        .hasMessageContaining("declared column");
  }

  /** The statement's parameters are numbered 1..n, each cast to the type of the array bound there. */
  private static void assertBinds(String sql, Tuple parameters) {
    Matcher matcher = PARAMETER.matcher(sql);
    TreeMap<Integer, String> types = new TreeMap<>();
    while (matcher.find()) {
      types.put(Integer.parseInt(matcher.group(1)), matcher.group(2));
    }
    assertThat(types).as(sql).hasSize(parameters.size());
    assertThat(types.lastKey()).as(sql).isEqualTo(parameters.size());
    for (int i = 0; i < parameters.size(); i++) {
      Object[] values = (Object[]) parameters.getValue(i);
      String type = types.get(i + 1);
      for (Object value : values) {
        if (value != null) {
          assertThat(value).as("$" + (i + 1) + " of " + sql).isInstanceOf(javaTypeOf(type));
        }
      }
    }
  }

  private static Class<?> javaTypeOf(String sqlType) {
    return switch (sqlType) {
      case "bigint" -> Long.class;
      case "integer" -> Integer.class;
      case "boolean" -> Boolean.class;
      case "text" -> String.class;
      case "date" -> LocalDate.class;
      case "timestamptz" -> OffsetDateTime.class;
      case "jsonb" -> io.vertx.core.json.JsonArray.class;
      default -> throw new AssertionError("no Java type for " + sqlType);
    };
  }
}
