# LLM402 container image: built from the sources with the Maven wrapper, run as a non-root user with its data in
# /data (as new-api keeps its SQLite file there) on new-api's port 3000.
#   docker build -t llm402 .
#   docker run -d -p 3000:3000 -v llm402-data:/data llm402
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY domain/pom.xml domain/
COPY projections/pom.xml projections/
COPY gateway-api/pom.xml gateway-api/
COPY console/pom.xml console/
COPY ops/pom.xml ops/
COPY features/pom.xml features/
RUN ./mvnw -q -B -pl ops -am dependency:go-offline -DskipTests || true
COPY . .
RUN ./mvnw -q -B -DskipTests -pl ops -am package

FROM ${JRE_IMAGE}
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin llm402 \
    && mkdir -p /data /app && chown llm402 /data
COPY --from=build /src/ops/target/llm402.jar /app/llm402.jar
COPY ops/llm402 /app/llm402
ENV LLM402_DATA_DIR=/data \
    PORT=3000
VOLUME /data
EXPOSE 3000
USER llm402
# Ready means the read models have caught up; bash's /dev/tcp needs no curl in the image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${PORT}; printf "GET /api/status HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3; grep -q "\"ready\":true" <&3'
ENTRYPOINT ["/app/llm402"]
