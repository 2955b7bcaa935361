package io.autoanime.web;

import com.microsoft.playwright.Page;
import java.util.List;

/**
 * The answers and live events a page has read, seen from inside the page: a test that lets an answer
 * land late waits for the page to have read it (its JSON parsed, and whatever the page does with it
 * then, in the same turn of its event loop, done) before looking for what it changed, without
 * sleeping. The browser's "response" event comes earlier, before the page has the answer.
 */
final class AnswersRead {
  private AnswersRead() {}

  /**
   * From its next load on, the page records the URL of each answer it reads as JSON, and each event
   * of the live channel (recorded as it comes, just before the page's own listeners run).
   */
  static void track(Page page) {
    page.addInitScript("""
        (() => {
          const fetch = window.fetch;
          window.answersRead = [];
          window.fetch = (...args) => fetch(...args).then((response) => {
            const json = response.json.bind(response);
            response.json = () => json().finally(() => window.answersRead.push(response.url));
            return response;
          });
          const Source = window.EventSource;
          window.liveEvents = [];
          window.EventSource = class extends Source {
            constructor(...args) {
              super(...args);
              for (const name of ['sync', 'downloads']) {
                this.addEventListener(name, (e) => window.liveEvents.push({ name, ...JSON.parse(e.data) }));
              }
            }
          };
        })()""");
  }

  /** Forgets the answers read so far: {@link #await} then waits for answers read from now on. */
  static void forget(Page page) {
    page.evaluate("() => { window.answersRead = []; }");
  }

  /** Waits until the page has read an answer to each of these URLs (ends of them: "/api/series/3"). */
  static void await(Page page, List<String> urlEnds) {
    page.waitForFunction("(ends) => ends.every((end) => window.answersRead.some((url) => url.endsWith(end)))",
        urlEnds);
  }

  /** Waits until the page has handled a live event of this name and type ("downloads", "imported"). */
  static void awaitLiveEvent(Page page, String name, String type) {
    page.waitForFunction("([name, type]) => window.liveEvents.some((e) => e.name === name && e.type === type)",
        List.of(name, type));
  }
}
