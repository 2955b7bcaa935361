package io.autoanime.downloads;

import io.vertx.core.json.JsonObject;

/**
 * A download as its creation or a move left it, read once inside that transaction: as the service
 * works with it, and as the API and the live events show it.
 */
record MovedDownload(Download download, JsonObject json) {}
