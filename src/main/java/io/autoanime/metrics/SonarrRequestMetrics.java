package io.autoanime.metrics;

import io.autoanime.sonarr.SonarrException;
import io.autoanime.sonarr.SonarrRequestObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Latency and errors of the requests made to Sonarr, by endpoint template:
 * {@code autoanime_sonarr_requests_seconds{endpoint,status,outcome}} and
 * {@code autoanime_sonarr_errors_total{endpoint,reason}}. Every attempt counts, retries included.
 */
public final class SonarrRequestMetrics implements SonarrRequestObserver {
  static final String REQUESTS = "autoanime.sonarr.requests";
  static final String ERRORS = "autoanime.sonarr.errors";

  private final MeterRegistry registry;

  public SonarrRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void attemptEnded(String endpoint, int httpStatus, SonarrException failure, long nanos) {
    String outcome = outcome(httpStatus, failure);
    Timer.builder(REQUESTS)
        .description("Requests to Sonarr's API, by endpoint template, HTTP status (0: no answer) and outcome")
        .tag("endpoint", endpoint)
        .tag("status", Integer.toString(httpStatus))
        .tag("outcome", outcome)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
    if (failure != null) {
      Counter.builder(ERRORS)
          .description("Failed requests to Sonarr, by endpoint template and reason")
          .tag("endpoint", endpoint)
          .tag("reason", httpStatus > 0 ? "http_" + httpStatus : outcome)
          .register(registry)
          .increment();
    }
  }

  /** {@code success}, {@code http_error} (Sonarr answered a non-2xx status) or {@code no_answer} (timeout, no connection). */
  private static String outcome(int httpStatus, SonarrException failure) {
    if (failure == null) {
      return "success";
    }
    return httpStatus > 0 ? "http_error" : "no_answer";
  }
}
