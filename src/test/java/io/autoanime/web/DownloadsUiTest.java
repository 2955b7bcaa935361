package io.autoanime.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.autoanime.web.Locators.role;
import static io.autoanime.web.Locators.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.autoanime.support.BrowserSession;
import io.autoanime.support.Eventually;
import io.autoanime.support.FakeQbittorrent;
import io.autoanime.support.FakeTorrent;
import io.autoanime.support.Gate;
import io.autoanime.support.GeneratedFeed;
import io.autoanime.support.Sql;
import io.autoanime.support.TestLibrary;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads in the browser, against a fake qBittorrent and the fake Sonarr's import side: "Download
 * now" on an episode, its progress moving live (driven from the fake qBittorrent) up to its import,
 * a failure with its reason, retry and cancel, and qBittorrent on the status page. One service and
 * one browser; each test downloads an episode of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadsUiTest {
  static final String QUEEN_TITLE = "The Most Heretical Last Boss Queen: From Villainess to Savior";

  @TempDir
  Path downloadsDir;
  private UiFeeds feeds;
  private UiService ui;
  private BrowserSession browser;

  @BeforeAll
  void start() {
    feeds = new UiFeeds();
    ui = UiService.synced(sonarr -> {}, settings -> {
      feeds.configureDownloads(settings);
      UiFeeds.noScheduledPolls(settings);
    });
    browser = BrowserSession.start();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    ui.close();
    feeds.close();
  }

  /** The page, once its live channel is open (events from now on reach it). */
  private Page openLive(String path) {
    Page page = browser.newPage();
    page.navigate(ui.page(path));
    page.waitForFunction("() => document.documentElement.dataset.live === 'open'");
    return page;
  }

  private FakeTorrent torrentOf(String release) {
    String hash = GeneratedFeed.hashOf(release);
    Eventually.await("qBittorrent has " + release, () -> feeds.qbittorrent.torrent(hash).isPresent());
    return feeds.qbittorrent.get(hash);
  }

  /** The torrent finishes with one video file, written where the fake Sonarr looks for it. */
  private void finish(FakeTorrent torrent, String release) throws IOException {
    Path file = downloadsDir.resolve(release + ".mkv");
    Files.writeString(file, "video of " + release);
    torrent.savePath(downloadsDir.toString()).file(release + ".mkv", Files.size(file))
        .contentPath(file.toString()).progress(1).state("stalledUP");
  }

  @Test
  void download_now_moves_live_on_the_series_and_activity_pages_up_to_the_import() throws IOException {
    String release = "[Erai-raws] LasTame - 05 [1080p][Multiple Subtitle]";
    UiFeeds.addAndPoll(ui.service, "nyaa 05", feeds.serve("/nyaa-05", "", release));
    long queen = ui.seriesId(TestLibrary.LAST_BOSS_QUEEN);
    Page page = openLive("/series/" + queen);
    page.evaluate("() => { window.sameDocument = true; }");

    role(page, AriaRole.BUTTON, "Download S01E05 now").click();

    Locator seriesBar = role(page, AriaRole.PROGRESSBAR, "Download progress of S01E05");
    assertThat(seriesBar).isVisible();
    assertThat(role(page, AriaRole.BUTTON, "Download S01E05 now")).isDisabled();
    FakeTorrent torrent = torrentOf(release);
    torrent.progress(0.25);
    assertThat(seriesBar).hasAttribute("value", "0.25");
    assertThat(row(page, "S01E05")).containsText("25%");

    role(page, AriaRole.LINK, "Activity").click();
    Locator download = row(page, release);
    Locator bar = role(page, AriaRole.PROGRESSBAR, "Progress of " + release);
    assertThat(bar).hasAttribute("value", "0.25");
    torrent.progress(0.6);
    assertThat(bar).hasAttribute("value", "0.6");
    assertThat(download).containsText("60%");
    assertThat(download.locator(".status")).hasText("downloading");
    assertThat(download.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(QUEEN_TITLE))).isVisible();
    assertThat(download).containsText("S01E05");
    assertThat(role(page, AriaRole.BUTTON, "Cancel " + release)).isEnabled();
    BrowserSession.screenshot(page, "downloads");

    finish(torrent, release);

    assertThat(download.locator(".status")).hasText("imported");
    assertThat(bar).hasCount(0);
    assertThat(role(page, AriaRole.BUTTON, "Cancel " + release)).hasCount(0);
    assertThat(page.evaluate("() => window.sameDocument")).as("no reload").isEqualTo(true);
    assertThat(ui.sonarr.imports().manualImports()).hasSize(1);

    download.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(QUEEN_TITLE)).click();
    assertThat(row(page, "S01E05").locator(".status")).hasText("downloaded");
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  @Test
  void a_failed_download_shows_why_and_is_retried_then_cancelled_with_its_files() {
    String release = "[Erai-raws] LasTame - 06 [1080p]";
    UiFeeds.addAndPoll(ui.service, "nyaa 06", feeds.serve("/nyaa-06", "", release));
    long queen = ui.seriesId(TestLibrary.LAST_BOSS_QUEEN);
    Page page = openLive("/series/" + queen);

    // An episode no feed has brought: the service's reason is shown, naming the episode as the row does.
    role(page, AriaRole.BUTTON, "Download S01E01 now").click();
    assertThat(row(page, "S01E01").getByRole(AriaRole.ALERT))
        .hasText("no release of S01E01 has been seen in the feeds yet");

    feeds.qbittorrent.failNext("/api/v2/torrents/add", 3, FakeQbittorrent.Fault.status(503));
    role(page, AriaRole.BUTTON, "Download S01E06 now").click();

    Locator episode = row(page, "S01E06");
    assertThat(episode.locator(".status")).hasText("failed");
    long id = ((Number) Sql.value(ui.service.database(), "SELECT id FROM downloads WHERE title = '" + release + "'")).longValue();
    String reason = ui.service.get("/api/downloads/" + id).bodyAsJsonObject().getString("error");
    assertThat(reason).contains("qBittorrent");
    assertThat(episode).containsText(reason);

    role(page, AriaRole.LINK, "Activity").click();
    Locator download = row(page, release);
    assertThat(download.locator(".status")).hasText("failed");
    assertThat(download).containsText(reason);
    assertThat(download).containsText("3 attempts");
    role(page, AriaRole.RADIO, "Failed").check();
    assertThat(page.locator("table.downloads tbody tr")).hasCount(1);
    BrowserSession.screenshot(page, "downloads-failed");
    role(page, AriaRole.RADIO, "All").check();

    // The retry's answer ("queued") is held back until the live event of the next move ("downloading")
    // has reached the page: the older answer, arriving last, must not take the page back.
    HeldAnswers retried = HeldAnswers.of(page, "**/api/downloads/" + id + "/retry");
    role(page, AriaRole.BUTTON, "Retry " + release).click();
    page.waitForCondition(() -> retried.count() > 0);
    assertThat(download.locator(".status")).hasText("downloading");
    retried.release();
    Locator cancel = role(page, AriaRole.BUTTON, "Cancel " + release);
    assertThat(cancel).isEnabled(); // the retry's answer was handled
    assertThat(download.locator(".status")).hasText("downloading");
    torrentOf(release);
    assertThat(role(page, AriaRole.BUTTON, "Retry " + release)).hasCount(0);

    cancel.click();
    Locator dialog = role(page, AriaRole.DIALOG, "Cancel this download?");
    dialog.getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName("Also delete its downloaded files")).check();
    dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel download")).click();

    assertThat(dialog).isHidden();
    assertThat(download.locator(".status")).hasText("cancelled");
    assertThat(feeds.qbittorrent.deletions()).contains(new FakeQbittorrent.Deletion(GeneratedFeed.hashOf(release), true));
    assertThat(ui.service.get("/api/downloads/" + id).bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * Cancel by keyboard on the Activity page while the download is being sent to qBittorrent: the
   * refusal ("busy ... try again in a moment") is announced in the dialog and focus stays on its
   * button, so Enter tries again; once cancelled, the row has no button left and focus goes to the
   * row instead of falling to the page.
   */
  @Test
  void a_cancel_by_keyboard_refused_as_busy_then_done_keeps_the_focus() {
    String release = "[SubsPlease] Sousou no Frieren - 01 (1080p)";
    UiFeeds.addAndPoll(ui.service, "frieren 01", feeds.serve("/frieren-01", "", release));
    Page page = openLive("/activity");
    Gate adds = feeds.qbittorrent.hold("/api/v2/torrents/add");
    try {
      downloadNow(episodeId(TestLibrary.FRIEREN, 1, 1));
      adds.awaitHeld(1); // the send holds the download: a cancel now is refused as busy
      Locator download = row(page, release);
      role(page, AriaRole.BUTTON, "Cancel " + release).press("Enter");
      Locator dialog = role(page, AriaRole.DIALOG, "Cancel this download?");
      Locator confirm = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel download"));
      confirm.press("Enter");

      assertThat(dialog.getByRole(AriaRole.ALERT)).containsText("try again in a moment");
      assertThat(confirm).isFocused();
      adds.open();
      assertThat(download.locator(".status")).hasText("downloading");
      page.keyboard().press("Enter");

      assertThat(dialog).isHidden();
      assertThat(download.locator(".status")).hasText("cancelled");
      assertThat(download.getByRole(AriaRole.ROWHEADER)).isFocused();
    } finally {
      adds.open();
    }
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * Retry by keyboard takes the Retry button away with the failure: focus goes to the row's Cancel
   * button, or, under the "Failed" filter that no longer shows the download, to the next row.
   */
  @Test
  void a_retry_by_keyboard_keeps_the_focus_in_the_list() {
    String older = "[Erai-raws] LasTame - 02 [1080p]";
    String newer = "[Erai-raws] LasTame - 03 [1080p]";
    UiFeeds.addAndPoll(ui.service, "nyaa 02 03", feeds.serve("/nyaa-02-03", "", older, newer));
    long olderId = failedDownload(episodeId(TestLibrary.LAST_BOSS_QUEEN, 1, 2));
    long newerId = failedDownload(episodeId(TestLibrary.LAST_BOSS_QUEEN, 1, 3));
    Page page = openLive("/activity");

    role(page, AriaRole.RADIO, "Failed").check();
    role(page, AriaRole.BUTTON, "Retry " + newer).press("Enter");
    assertThat(row(page, newer)).hasCount(0);
    assertThat(row(page, older).getByRole(AriaRole.ROWHEADER)).isFocused();

    role(page, AriaRole.RADIO, "All").check();
    role(page, AriaRole.BUTTON, "Retry " + older).press("Enter");
    assertThat(role(page, AriaRole.BUTTON, "Retry " + older)).hasCount(0);
    assertThat(role(page, AriaRole.BUTTON, "Cancel " + older)).isFocused();

    cancelOnceDownloading(olderId);
    cancelOnceDownloading(newerId);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * "Download now" pressed by keyboard: the button stays where it is, unavailable while the download
   * runs, and keeps the focus instead of dropping it to the page; it keeps it, available again, when
   * the download is cancelled (on the Activity page, say) and the cell shows the episode's status in
   * place of the download's progress.
   */
  @Test
  void download_now_by_keyboard_keeps_the_focus_while_it_runs_and_once_cancelled() {
    String release = "[SubsPlease] Sousou no Frieren - 02 (1080p)";
    UiFeeds.addAndPoll(ui.service, "frieren 02", feeds.serve("/frieren-02", "", release));
    Page page = openLive("/series/" + ui.seriesId(TestLibrary.FRIEREN));
    Locator downloadNow = role(page, AriaRole.BUTTON, "Download S01E02 now");

    downloadNow.press("Enter");

    assertThat(role(page, AriaRole.PROGRESSBAR, "Download progress of S01E02")).isVisible();
    assertThat(downloadNow).isDisabled();
    assertThat(downloadNow).isFocused();
    cancelOnceDownloading(((Number) Sql.value(ui.service.database(),
        "SELECT id FROM downloads WHERE title = '" + release + "'")).longValue());
    assertThat(role(page, AriaRole.PROGRESSBAR, "Download progress of S01E02")).hasCount(0);
    assertThat(downloadNow).isEnabled();
    assertThat(downloadNow).isFocused();
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * A release picked in an episode's Releases dialog, on a slow connection: while its request is on
   * its way no release of the dialog can be picked again (a second pick would be refused, unseen, as
   * the dialog closes); once it answers, the dialog closes and focus goes back to the Releases button.
   */
  @Test
  void a_release_picked_in_the_releases_dialog_is_sent_once() {
    String first = "[SubsPlease] Sousou no Frieren - 04 (1080p)";
    String second = "[Erai-raws] Sousou no Frieren - 04 [720p]";
    UiFeeds.addAndPoll(ui.service, "frieren 04", feeds.serve("/frieren-04", "", first, second));
    Page page = openLive("/series/" + ui.seriesId(TestLibrary.FRIEREN));
    HeldAnswers downloads = HeldAnswers.ofUnsent(page, "**/api/episodes/*/download");
    role(page, AriaRole.BUTTON, "Releases of S01E04").click();
    Locator dialog = page.getByRole(AriaRole.DIALOG);
    Locator pickFirst = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download " + first));
    Locator pickSecond = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download " + second));

    pickFirst.click();
    page.waitForCondition(() -> downloads.count() > 0);

    assertThat(pickFirst).isDisabled();
    assertThat(pickSecond).isDisabled();
    downloads.release();
    assertThat(dialog).isHidden();
    assertThat(role(page, AriaRole.BUTTON, "Releases of S01E04")).isFocused();
    assertThat(role(page, AriaRole.PROGRESSBAR, "Download progress of S01E04")).isVisible();
    page.unroute("**/api/episodes/*/download");
    cancelOnceDownloading(((Number) Sql.value(ui.service.database(),
        "SELECT id FROM downloads WHERE title = '" + first + "'")).longValue());
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * An episode whose download failed offers "Retry" in place of "Download now" (which could only be
   * refused), and a link to its download on the Activity page. A release picked in its Releases dialog
   * is refused in words a user can act on: the episode's code and the download's title, not ids.
   * Retried by keyboard, the button stays (as "Download now", unavailable while the download runs) with
   * the focus; the link, there while the download runs, leads to its row on the Activity page.
   */
  @Test
  void an_episode_whose_download_failed_offers_retry_and_a_link_to_its_download() {
    String release = "[SubsPlease] Sousou no Frieren - 03 (1080p)";
    UiFeeds.addAndPoll(ui.service, "frieren 03", feeds.serve("/frieren-03", "", release));
    long episode = episodeId(TestLibrary.FRIEREN, 1, 3);
    long id = failedDownload(episode);
    Page page = openLive("/series/" + ui.seriesId(TestLibrary.FRIEREN));
    Locator retry = role(page, AriaRole.BUTTON, "Retry the download of S01E03");
    Locator downloadNow = role(page, AriaRole.BUTTON, "Download S01E03 now");
    Locator onActivity = role(page, AriaRole.LINK, "See on Activity: the download of S01E03");

    assertThat(row(page, "S01E03").locator(".status")).hasText("failed");
    assertThat(retry).isEnabled();
    assertThat(downloadNow).hasCount(0);
    assertThat(onActivity).isVisible();

    role(page, AriaRole.BUTTON, "Releases of S01E03").click();
    Locator dialog = page.getByRole(AriaRole.DIALOG);
    dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download " + release)).click();
    Locator refusal = dialog.getByRole(AriaRole.ALERT);
    assertThat(refusal).containsText("S01E03 already has a download that failed");
    assertThat(refusal).containsText(release);
    assertThat(refusal).not().containsText("episode " + episode);
    page.keyboard().press("Escape");
    assertThat(dialog).isHidden();

    retry.press("Enter");
    assertThat(role(page, AriaRole.PROGRESSBAR, "Download progress of S01E03")).isVisible();
    assertThat(downloadNow).isDisabled();
    assertThat(downloadNow).isFocused();
    assertThat(retry).hasCount(0);

    onActivity.click();
    assertThat(row(page, release).getByRole(AriaRole.ROWHEADER)).isFocused();
    cancelOnceDownloading(id);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * A link to a download on the Activity page followed while that page is open (the address of
   * another download typed, back or forward): the page follows it, and that download's row comes
   * into view, focused.
   */
  @Test
  void the_activity_page_follows_a_link_to_another_download() {
    String first = "Aerial Africa S01E01 1080p WEB-DL";
    String second = "Aerial Africa S01E02 1080p WEB-DL";
    UiFeeds.addAndPoll(ui.service, "africa 01 02", feeds.serve("/africa-01-02", "", first, second));
    long secondId = failedDownload(episodeId(TestLibrary.AERIAL_AFRICA, 1, 2)); // older: lower in the list
    long firstId = failedDownload(episodeId(TestLibrary.AERIAL_AFRICA, 1, 1));
    Page page = browser.newPage(1280, 280);
    page.navigate(ui.page("/activity?download=" + firstId));
    Locator firstTitle = row(page, first).getByRole(AriaRole.ROWHEADER);
    Locator secondTitle = row(page, second).getByRole(AriaRole.ROWHEADER);
    assertThat(firstTitle).isFocused();
    page.evaluate("() => { window.sameDocument = true; window.scrollTo(0, 0); }");
    assertThat(secondTitle).not().isInViewport(); // the page has to scroll to show it

    page.navigate(ui.page("/activity?download=" + secondId));
    assertThat(secondTitle).isFocused();
    assertThat(secondTitle).isInViewport();
    page.goBack();
    assertThat(firstTitle).isFocused();
    assertThat(firstTitle).isInViewport();
    assertThat(page.evaluate("() => window.sameDocument")).as("the same page, not a reload").isEqualTo(true);
    for (long id : List.of(firstId, secondId)) { // other tests count the failed downloads
      assertThat(ui.service.send(HttpMethod.DELETE, "/api/downloads/" + id, null).statusCode()).isEqualTo(200);
    }
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * A retry the service refused (the download had moved on, which the page had not heard yet) shows
   * why under the row's Retry button; once the row's download moves on, the error goes with the state
   * it was about.
   */
  @Test
  void a_retry_error_goes_when_the_download_moves_on() {
    String release = "[SubsPlease] Sousou no Frieren S02E02 (1080p)";
    UiFeeds.addAndPoll(ui.service, "frieren s02e02", feeds.serve("/frieren-s02e02", "", release));
    long id = failedDownload(episodeId(TestLibrary.FRIEREN, 2, 2));
    Page page = browser.newPage();
    HeldAnswers channel = HeldAnswers.ofUnsent(page, "**/api/events**"); // no live event reaches the page yet
    page.navigate(ui.page("/activity"));
    Locator download = row(page, release);
    assertThat(download.locator(".status")).hasText("failed");
    assertThat(ui.service.post("/api/downloads/" + id + "/retry", new JsonObject()).statusCode()).isEqualTo(200);
    FakeTorrent torrent = torrentOf(release);
    Eventually.await("download " + id + " downloading",
        () -> "downloading".equals(ui.service.get("/api/downloads/" + id).bodyAsJsonObject().getString("status")));

    role(page, AriaRole.BUTTON, "Retry " + release).click();
    Locator error = download.getByRole(AriaRole.ALERT);
    assertThat(error).containsText("only a failed download can be retried");

    channel.release();
    page.waitForFunction("() => document.documentElement.dataset.live === 'open'");
    torrent.progress(0.5);
    assertThat(download.locator(".status")).hasText("downloading");
    assertThat(error).hasCount(0);
    page.unroute("**/api/events**");
    cancelOnceDownloading(id);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * An episode whose download was imported offers no "Download now" (the service refuses any other
   * download of it): once the import is in, live, the button goes, and the focus it had (pressed by
   * keyboard) goes to the episode's Releases button, not to the page. The Releases dialog can still be
   * browsed; it offers no release to download and says why.
   */
  @Test
  void an_episode_whose_download_was_imported_offers_no_download_now_and_its_releases_only_to_browse()
      throws IOException {
    String release = "[SubsPlease] Sousou no Frieren S02E01 (1080p)";
    UiFeeds.addAndPoll(ui.service, "frieren s02e01", feeds.serve("/frieren-s02e01", "", release));
    Page page = openLive("/series/" + ui.seriesId(TestLibrary.FRIEREN));
    Locator downloadNow = role(page, AriaRole.BUTTON, "Download S02E01 now");
    Locator releases = role(page, AriaRole.BUTTON, "Releases of S02E01");

    downloadNow.press("Enter");
    assertThat(role(page, AriaRole.PROGRESSBAR, "Download progress of S02E01")).isVisible();
    finish(torrentOf(release), release);

    assertThat(row(page, "S02E01").locator(".status")).hasText("downloaded");
    assertThat(row(page, "S02E01").locator(".file")).hasText("Yes");
    assertThat(downloadNow).hasCount(0);
    assertThat(releases).isFocused();
    releases.press("Enter");
    Locator dialog = page.getByRole(AriaRole.DIALOG);
    assertThat(dialog).containsText(release);
    assertThat(dialog).containsText("S02E01 was downloaded by \"" + release + "\"");
    assertThat(dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download " + release)))
        .hasCount(0);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * An episode Sonarr has a file for (not through this service) offers no "Download now" either: it is
   * not wanted. A release can still be picked in its Releases dialog, on purpose (the service takes it).
   */
  @Test
  void an_episode_sonarr_has_a_file_for_offers_no_download_now_but_its_releases_can_be_picked() {
    String release = "[SubsPlease] Sousou no Frieren S02E04 (1080p)";
    ui.sonarr.episodes(TestLibrary.FRIEREN).stream().map(JsonObject.class::cast)
        .filter(e -> e.getInteger("seasonNumber") == 2 && e.getInteger("episodeNumber") == 4)
        .forEach(e -> e.put("hasFile", true));
    ui.service.syncAndWait(new JsonObject().put("mode", "series").put("sonarrSeriesId", TestLibrary.FRIEREN));
    UiFeeds.addAndPoll(ui.service, "frieren s02e04", feeds.serve("/frieren-s02e04", "", release));
    Page page = openLive("/series/" + ui.seriesId(TestLibrary.FRIEREN));

    assertThat(row(page, "S02E04").locator(".file")).hasText("Yes");
    assertThat(role(page, AriaRole.BUTTON, "Download S02E04 now")).hasCount(0);
    role(page, AriaRole.BUTTON, "Releases of S02E04").click();
    Locator dialog = page.getByRole(AriaRole.DIALOG);
    dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Download " + release)).click();

    assertThat(dialog).isHidden();
    assertThat(role(page, AriaRole.PROGRESSBAR, "Download progress of S02E04")).isVisible();
    assertThat(role(page, AriaRole.BUTTON, "Download S02E04 now")).hasCount(0);
    cancelOnceDownloading(((Number) Sql.value(ui.service.database(),
        "SELECT id FROM downloads WHERE title = '" + release + "'")).longValue());
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * The series page opens as an episode's download is imported: its read of the series' downloads,
   * answered while the download ran, lands after the import's live event. The episode shows the
   * download imported, not running for good.
   */
  @Test
  void a_downloads_read_answered_before_an_import_landing_after_its_event_does_not_show_it_running()
      throws IOException {
    String release = "[SubsPlease] Sousou no Frieren S02E03 (1080p)";
    UiFeeds.addAndPoll(ui.service, "frieren s02e03", feeds.serve("/frieren-s02e03", "", release));
    long id = downloadNow(episodeId(TestLibrary.FRIEREN, 2, 3));
    FakeTorrent torrent = torrentOf(release);
    Eventually.await("download " + id + " downloading",
        () -> "downloading".equals(ui.service.get("/api/downloads/" + id).bodyAsJsonObject().getString("status")));
    long frieren = ui.seriesId(TestLibrary.FRIEREN);
    String downloads = "/api/downloads?seriesId=" + frieren + "&limit=500";
    Predicate<String> downloadsUrl = url -> url.endsWith(downloads);
    Page page = browser.newPage();
    AnswersRead.track(page);
    HeldAnswers held = HeldAnswers.of(page, downloadsUrl); // the service answers now: downloading
    page.navigate(ui.page("/series/" + frieren));
    page.waitForFunction("() => document.documentElement.dataset.live === 'open'");
    page.waitForCondition(() -> held.count() == 1);
    Locator episode = row(page, "S02E03");
    assertThat(episode).isVisible();

    finish(torrent, release);
    AnswersRead.awaitLiveEvent(page, "downloads", "imported");
    AnswersRead.forget(page);
    held.release(); // the older answer lands
    AnswersRead.await(page, List.of(downloads));
    assertThat(role(page, AriaRole.PROGRESSBAR, "Download progress of S02E03").count())
        .as("progress bars of the imported download").isZero();
    held.release(); // any read the page started since
    assertThat(episode.locator(".status")).hasText("downloaded");
    page.unroute(downloadsUrl);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  private long episodeId(long sonarrSeriesId, int season, int number) {
    return ui.service.get("/api/series/" + ui.seriesId(sonarrSeriesId) + "/episodes").bodyAsJsonArray().stream()
        .map(JsonObject.class::cast)
        .filter(e -> e.getInteger("seasonNumber") == season && e.getInteger("episodeNumber") == number)
        .findFirst().orElseThrow().getLong("id");
  }

  /** "Download now" through the API; answers the download's id. */
  private long downloadNow(long episodeId) {
    var answer = ui.service.post("/api/episodes/" + episodeId + "/download", new JsonObject());
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(202);
    return answer.bodyAsJsonObject().getLong("id");
  }

  /** Cancels the download through the API once it is in qBittorrent (while it is being sent, a cancel is refused). */
  private void cancelOnceDownloading(long id) {
    Eventually.await("download " + id + " downloading",
        () -> "downloading".equals(ui.service.get("/api/downloads/" + id).bodyAsJsonObject().getString("status")));
    assertThat(ui.service.send(HttpMethod.DELETE, "/api/downloads/" + id, null).statusCode()).isEqualTo(200);
  }

  /** A download of the episode that failed: qBittorrent refused each of its adds. */
  private long failedDownload(long episodeId) {
    feeds.qbittorrent.failNext("/api/v2/torrents/add", 3, FakeQbittorrent.Fault.status(503));
    long id = downloadNow(episodeId);
    Eventually.await("download " + id + " failed",
        () -> "failed".equals(ui.service.get("/api/downloads/" + id).bodyAsJsonObject().getString("status")));
    return id;
  }

  @Test
  void the_library_follows_a_download_live_its_series_counters_and_the_downloading_filter() {
    String release = "[Erai-raws] LasTame - 04 [1080p]";
    UiFeeds.addAndPoll(ui.service, "nyaa 04", feeds.serve("/nyaa-04", "", release));
    long queen = ui.seriesId(TestLibrary.LAST_BOSS_QUEEN);
    long episode = ui.service.get("/api/series/" + queen + "/episodes").bodyAsJsonArray().stream()
        .map(JsonObject.class::cast).filter(e -> e.getInteger("seasonNumber") == 1 && e.getInteger("episodeNumber") == 4)
        .findFirst().orElseThrow().getLong("id");
    int downloadingBefore = ui.service.get("/api/series/" + queen).bodyAsJsonObject().getJsonObject("autoDownload")
        .getInteger("downloading");
    Page page = openLive("/library");
    page.evaluate("() => { window.sameDocument = true; }");
    Locator card = page.locator("li.series-card").filter(new Locator.FilterOptions().setHasText(QUEEN_TITLE));
    assertThat(card).isVisible();

    assertThat(ui.service.post("/api/episodes/" + episode + "/download", new JsonObject()).statusCode()).isEqualTo(202);

    assertThat(card.locator(".status-downloading")).hasText((downloadingBefore + 1) + " downloading");
    role(page, AriaRole.RADIO, "Downloading").check();
    assertThat(card).isVisible();
    assertThat(page.evaluate("() => window.sameDocument")).as("no reload").isEqualTo(true);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * A run ends, so the library reads the whole list again; an episode's download starts while that
   * read is on its way, and the library reads its series again. The list, answered before the
   * download started and landing after the series' answer, must not take the series' new counter
   * ("1 downloading") away.
   */
  @Test
  void a_library_read_answered_before_a_download_started_landing_after_it_does_not_put_the_counters_back() {
    String release = "[Erai-raws] LasTame - 02 [1080p]";
    UiFeeds.addAndPoll(ui.service, "nyaa 02", feeds.serve("/nyaa-02", "", release));
    Page page = browser.newPage();
    Locator counters = queenCounters(page);
    HeldAnswers held = libraryReadHeld(page); // the service answers now: not downloading

    long id = downloadNow(episodeId(TestLibrary.LAST_BOSS_QUEEN, 1, 2));
    AnswersRead.awaitLiveEvent(page, "downloads", "queued");
    List<String> started = countersOf(ui.seriesId(TestLibrary.LAST_BOSS_QUEEN));
    assertThat(counters).hasText(started.toArray(String[]::new)); // the series' own read landed
    AnswersRead.forget(page);
    held.releaseFirst(); // the older list lands
    AnswersRead.await(page, List.of(LIBRARY));
    assertThat(counters.allTextContents()).as("the series' counters on its card, as the service has them")
        .isEqualTo(started);
    held.release(); // any read the page started since
    assertThat(counters).hasText(started.toArray(String[]::new));
    page.unroute(LIBRARY_URL);
    cancelOnceDownloading(id);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  /**
   * The same with an import: the list, answered while the download ran and landing after the series'
   * answer to the import's event, must not show the series still downloading.
   */
  @Test
  void a_library_read_answered_before_an_import_landing_after_it_does_not_put_the_counters_back()
      throws IOException {
    String release = "[Erai-raws] LasTame - 03 [1080p]";
    UiFeeds.addAndPoll(ui.service, "nyaa 03", feeds.serve("/nyaa-03", "", release));
    long id = downloadNow(episodeId(TestLibrary.LAST_BOSS_QUEEN, 1, 3));
    FakeTorrent torrent = torrentOf(release);
    Eventually.await("download " + id + " downloading",
        () -> "downloading".equals(ui.service.get("/api/downloads/" + id).bodyAsJsonObject().getString("status")));
    Page page = browser.newPage();
    Locator counters = queenCounters(page);
    HeldAnswers held = libraryReadHeld(page); // the service answers now: downloading

    finish(torrent, release); // the import runs a sync of its own: its read of the list is held too
    AnswersRead.awaitLiveEvent(page, "downloads", "imported");
    List<String> imported = countersOf(ui.seriesId(TestLibrary.LAST_BOSS_QUEEN));
    assertThat(counters).hasText(imported.toArray(String[]::new)); // the series' own read landed
    AnswersRead.forget(page);
    held.releaseFirst(); // the list read as the first run ended lands
    AnswersRead.await(page, List.of(LIBRARY));
    assertThat(counters.allTextContents()).as("the series' counters on its card, as the service has them")
        .isEqualTo(imported);
    held.release(); // any read the page started since
    assertThat(counters).hasText(imported.toArray(String[]::new));
    page.unroute(LIBRARY_URL);
    assertThat(browser.pageErrors()).isEmpty();
    page.context().close();
  }

  private static final String LIBRARY = "/api/series?includeAlternateTitles=true";
  private static final Predicate<String> LIBRARY_URL = url -> url.endsWith(LIBRARY);

  /**
   * Opens the library, tracking the answers it reads, once its live channel is open; answers the
   * counters on the Last Boss Queen's card, checked against the service.
   */
  private Locator queenCounters(Page page) {
    AnswersRead.track(page);
    page.navigate(ui.page("/library"));
    page.waitForFunction("() => document.documentElement.dataset.live === 'open'");
    Locator counters = page.locator("li.series-card").filter(new Locator.FilterOptions().setHasText(QUEEN_TITLE))
        .locator(".counters .status");
    assertThat(counters).hasText(countersOf(ui.seriesId(TestLibrary.LAST_BOSS_QUEEN)).toArray(String[]::new));
    return counters;
  }

  /** Holds the library's reads of the whole list, and has the page read it again: a run of one series ends. */
  private HeldAnswers libraryReadHeld(Page page) {
    HeldAnswers held = HeldAnswers.of(page, LIBRARY_URL);
    ui.service.syncAndWait(new JsonObject().put("mode", "series").put("sonarrSeriesId", TestLibrary.LAST_BOSS_QUEEN));
    page.waitForCondition(() -> held.count() > 0);
    return held;
  }

  /** The counters a series' library card shows ("1 downloading"), from what the service says now. */
  private List<String> countersOf(long seriesId) {
    JsonObject counts = ui.service.get("/api/series/" + seriesId).bodyAsJsonObject().getJsonObject("autoDownload");
    return Stream.of("pending", "downloading", "downloaded", "failed")
        .filter(what -> counts.getInteger(what) > 0).map(what -> counts.getInteger(what) + " " + what).toList();
  }

  @Test
  void the_status_page_shows_qbittorrent_and_its_version() {
    Page page = browser.newPage();
    page.navigate(ui.page("/status"));
    Locator card = role(page, AriaRole.REGION, "qBittorrent");
    assertThat(card).containsText("UP");
    assertThat(card).containsText("qBittorrent v4.5.2");
    assertThat(ui.service.get("/api/health").bodyAsJsonObject().getString("qbittorrent")).isEqualTo("UP");
    assertThat(role(page, AriaRole.REGION, "This browser")).containsText("UP"); // the live channel
    BrowserSession.screenshot(page, "status");
    page.context().close();
  }
}
