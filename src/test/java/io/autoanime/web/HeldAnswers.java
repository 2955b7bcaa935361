package io.autoanime.web;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The service's answers to the page's requests of one kind, fetched at once but handed to the page
 * only when the test releases them: how a test makes an older answer land after a newer one. (Or the
 * requests themselves, held before they reach the service: see {@link #ofUnsent}.)
 * Release before unrouting: a request still held when its route goes is sent to the service again.
 */
final class HeldAnswers {
  private final List<Runnable> held = new CopyOnWriteArrayList<>();

  private HeldAnswers() {}

  /** Holds the answers to the page's requests whose URL matches {@code glob}, from now on. */
  static HeldAnswers of(Page page, String glob) {
    HeldAnswers answers = new HeldAnswers();
    page.route(glob, answers::hold);
    return answers;
  }

  /** Holds the answers to the page's requests whose URL {@code url} accepts, from now on. */
  static HeldAnswers of(Page page, Predicate<String> url) {
    HeldAnswers answers = new HeldAnswers();
    page.route(url, answers::hold);
    return answers;
  }

  /** Holds the answers to the page's GET requests whose URL matches {@code glob}; other methods pass. */
  static HeldAnswers ofReads(Page page, String glob) {
    HeldAnswers answers = new HeldAnswers();
    page.route(glob, route -> {
      if ("GET".equals(route.request().method())) {
        answers.hold(route);
      } else {
        route.resume();
      }
    });
    return answers;
  }

  private void hold(Route route) {
    APIResponse answer = route.fetch();
    held.add(() -> route.fulfill(new Route.FulfillOptions().setResponse(answer)));
  }

  /**
   * Holds the page's requests whose URL matches {@code glob} before they reach the service, as a slow
   * connection does: the service sees each only when the test releases it.
   */
  static HeldAnswers ofUnsent(Page page, String glob) {
    HeldAnswers requests = new HeldAnswers();
    page.route(glob, route -> requests.held.add(route::resume));
    return requests;
  }

  /** How many answers are held now. */
  int count() {
    return held.size();
  }

  /** Hands the answer held first to the page, keeping those asked for later. */
  void releaseFirst() {
    held.remove(0).run();
  }

  /** Hands the answer held last to the page, before those asked for earlier. */
  void releaseLast() {
    held.remove(held.size() - 1).run();
  }

  /** Hands every held answer to the page, in the order the page asked. */
  void release() {
    List<Runnable> now = List.copyOf(held);
    held.clear();
    now.forEach(Runnable::run);
  }
}
