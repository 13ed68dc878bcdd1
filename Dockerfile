# The TradeBot backend: one image, three roles (TRADEBOT_ROLES=gateway | worker | scheduler;
# unset plays all three). Configuration comes from the environment at run time; the image holds
# no secret.
#   docker build -t tradebot/backend .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src

# Dependency layer: built from the poms alone (empty modules), so it is reused until a pom
# changes. `package` rather than dependency:go-offline, which cannot resolve the reactor's own
# modules and misses the plugins' runtime dependencies.
COPY pom.xml ./
COPY functions/runtime/pom.xml functions/runtime/
COPY functions/pom.xml functions/
COPY scheduler/pom.xml scheduler/
COPY gateway/pom.xml gateway/
RUN mvn -B -q package -Dmaven.test.skip=true -DskipTests -Dtradebot.webapp.skip=true && rm -rf functions/runtime/target functions/target scheduler/target gateway/target

COPY template.yaml ./
COPY functions functions
COPY scheduler scheduler
COPY gateway gateway
# Tests run in CI (`mvn verify` against real services), not in the image build; the web app is the
# frontend image's (frontend/Dockerfile.prod), so this one is built without it.
RUN mvn -B -q package -Dmaven.test.skip=true -DskipTests -Dtradebot.webapp.skip=true \
    && java -Djarmode=tools -jar gateway/target/tradebot.jar extract --layers --destination /extracted


FROM eclipse-temurin:17-jre-alpine

RUN addgroup -S -g 10001 tradebot \
    && adduser -S -D -H -u 10001 -G tradebot -h /app -s /sbin/nologin tradebot

WORKDIR /app
# Least-changing layers first; the application layer holds TradeBot's own modules.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./

# Memory (README "Memory", BENCHMARKS §11): the heap sized from the container's memory limit
# (Compose's mem_limit), leaving 40 % for metaspace, code, threads and the class archive; the serial
# collector, which the JVM picks itself under 1792 MB but not once a limit is raised, and which needs
# no collector threads nor G1's remembered sets for a heap this small. Not set, because they do not
# lower the RSS: metaspace and code cache caps (both are committed as used), -Xss (stacks are
# touched as deep as they go), MALLOC_ARENA_MAX and -XX:TrimNativeHeapInterval (glibc's; this
# image's libc is musl). Fail fast on OutOfMemoryError so the restart policy gives a clean process;
# crash files to /tmp because /app is read-only.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -XX:ErrorFile=/tmp/hs_err_pid%p.log -Djava.io.tmpdir=/tmp -Dfile.encoding=UTF-8"

# CDS: a training run that stops once the context has refreshed (before anything connects or
# listens) records the loaded classes in /app/tradebot.jsa, which shortens every start. The
# URLs point at closed local ports so no embedded server starts and no real one is contacted;
# nothing from this run is kept but the archive. Should the run fail (say, a bean that insists
# on a connection), the image is still built and the JVM simply starts without the archive.
RUN (java -Xshare:on -version >/dev/null 2>&1 || java -Xshare:dump >/dev/null 2>&1 || true) \
    && if env \
        TRADEBOT_ROLES=gateway,worker,scheduler \
        ENVIRONMENT=development \
        DATABASE_URL=postgresql://training:training@127.0.0.1:9/training \
        REDIS_URL=redis://127.0.0.1:9/0 \
        RABBITMQ_URL=amqp://training:training@127.0.0.1:9/%2F \
        SPRING_FLYWAY_ENABLED=false \
        java -XX:ArchiveClassesAtExit=/app/tradebot.jsa -Dspring.context.exit=onRefresh \
            -jar /app/tradebot.jar >/tmp/cds-training.log 2>&1; \
    then echo "CDS archive written: $(du -h /app/tradebot.jsa | cut -f1)"; \
    else echo "CDS training run failed; the image starts without the archive. Last lines:"; \
        grep -v '\[cds\]' /tmp/cds-training.log | tail -n 30; rm -f /app/tradebot.jsa; \
    fi \
    && rm -rf /tmp/*

USER 10001:10001
# 8080: HTTP (gateway role). 8081: Actuator health and metrics, never published by nginx.
EXPOSE 8080 8081
# Readiness covers the database, Redis and RabbitMQ for every role; Compose gives the gateway
# its own check on /health.
HEALTHCHECK --interval=15s --timeout=6s --start-period=120s --retries=4 \
    CMD wget -q -O /dev/null -T 5 http://127.0.0.1:8081/actuator/health/readiness || exit 1
# A missing archive (failed training run) is ignored by the JVM: it then starts without CDS.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/tradebot.jsa", "-jar", "/app/tradebot.jar"]
