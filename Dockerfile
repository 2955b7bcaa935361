# AutoAnime container image: `docker compose up -d --build` (see README.md, "Deploy with Docker Compose").

# ---- build: the shaded jar, target/autoanime.jar (the pom's shade finalName) ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
# Dependencies in a layer of their own: a source change does not download them again.
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -DskipTests package

# ---- runtime: a JRE, the jar, its trained ahead-of-time cache, a non-root user ----
# Java 25's JRE runs the Java 17 jar; it is here for its ahead-of-time cache (see the training step below and
# docs/cold-start.md).
FROM eclipse-temurin:25-jre
# curl runs the HEALTHCHECK. The Ubuntu-based Temurin images ship it today, but only "for historical
# reasons" (adoptium/containers#255); installing it here keeps the check working if they drop it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
# A fixed uid/gid, so volume ownership is predictable. /data is where an embedded PostgreSQL keeps its
# files when DATABASE_URL is not set; the application files stay owned by root (read-only to the app).
RUN groupadd --gid 10001 autoanime \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin autoanime \
 && mkdir -p /app /data \
 && chown 10001:10001 /data
WORKDIR /app
COPY --from=build /build/target/autoanime.jar /app/autoanime.jar
# Train the JVM's ahead-of-time cache (JEP 483/514): one run of the service, with the entrypoint's JVM options,
# against an embedded PostgreSQL and a generated Sonarr library (start-up, three syncs, the main reads). The
# cache keeps the classes that run loaded and linked, so that each start skips that work; it is valid only for
# this JVM and this jar (otherwise the JVM says so and starts without it). The run doubles as a smoke test of
# the image: the build fails if it does. PostgreSQL refuses to run as root, hence the service's user.
RUN mkdir /tmp/training \
 && chown 10001:10001 /tmp/training \
 && runuser -u autoanime -- java -Xmx512m -XX:TieredStopAtLevel=1 -Dio.netty.noUnsafe=false \
      --sun-misc-unsafe-memory-access=allow -XX:AOTCacheOutput=/tmp/training/autoanime.aot \
      -cp /app/autoanime.jar io.autoanime.training.TrainingRun /tmp/training/run \
 && mv /tmp/training/autoanime.aot /app/autoanime.aot \
 && chown root:root /app/autoanime.aot \
 && chmod 444 /app/autoanime.aot \
 && rm -rf /tmp/training /tmp/embedded-pg
ENV DATA_DIR=/data
VOLUME ["/data"]
# The service's default PORT.
EXPOSE 3001
USER 10001:10001
# 200 while the database is reachable (Sonarr being down does not make the container unhealthy);
# 503 when it is not. Follows PORT when it is changed.
HEALTHCHECK --interval=30s --timeout=15s --start-period=90s --retries=3 \
  CMD curl -fsS --max-time 10 -o /dev/null "http://127.0.0.1:${PORT:-3001}/api/health" || exit 1
# Exec form: java is PID 1 and gets the SIGTERM of `docker stop` itself, so the shutdown hook stops
# the service cleanly. The heap follows the container's memory limit; more flags: JAVA_TOOL_OPTIONS.
# TieredStopAtLevel=1 compiles with C1 only: a start-up sync then takes a third of the CPU time it takes with
# C2's compilations (docs/cold-start.md). Netty stops using sun.misc.Unsafe on Java 25 unless told to; its
# buffers' other paths made the first sync about 10% slower (the flag after it keeps Java from warning about
# it). The AOT cache is the one trained above, with the same options.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", \
  "-Dio.netty.noUnsafe=false", "--sun-misc-unsafe-memory-access=allow", \
  "-XX:AOTCache=/app/autoanime.aot", "-jar", "/app/autoanime.jar"]
