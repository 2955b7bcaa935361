package io.autoanime.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.UUID;

/**
 * A Vert.x instance whose own metrics (HTTP server and client, pools, event bus, JVM) and the
 * service's go to one Prometheus registry, served at {@code GET /metrics}. {@code Main} and the
 * tests both create Vert.x here.
 */
public record MeteredVertx(Vertx vertx, PrometheusMeterRegistry registry) {

  public static MeteredVertx create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        // vertx-micrometer keeps registries by name: one name per instance keeps instances apart.
        .setRegistryName("autoanime-" + UUID.randomUUID())
        // Route templates such as /api/series/:id, never raw paths: a bounded set of label values.
        .addLabels(Label.HTTP_ROUTE);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new ListenRaceGuard(new MicrometerMetricsFactory(registry)))
        .build();
    return new MeteredVertx(vertx, registry);
  }
}
