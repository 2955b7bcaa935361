# AutoAnime container image: `docker compose up -d --build` (see README.md, "Deploy with Docker Compose").

# ---- build: the shaded jar, target/autoanime.jar (the pom's shade finalName) ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
# Dependencies in a layer of their own: a source change does not download them again.
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -DskipTests package

# ---- runtime: a JRE, the jar, a non-root user ----
FROM eclipse-temurin:17-jre
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
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/autoanime.jar"]
