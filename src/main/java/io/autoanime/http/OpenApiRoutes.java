package io.autoanime.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/** {@code GET /api/openapi.json}: the OpenAPI 3 description of the whole API, a classpath resource. */
final class OpenApiRoutes {
  static final String RESOURCE = "openapi.json";

  private final Buffer document;

  OpenApiRoutes(Buffer document) {
    this.document = document;
  }

  void mount(Router router) {
    router.get("/api/openapi.json").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(document));
  }
}
