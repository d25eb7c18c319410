# One image for every fabric component; docker-compose.yml picks the component by command.
# Untested here (no Docker engine on the development machines).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /fabric
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jdk
WORKDIR /fabric
# The launcher's classpath files name jars in the local Maven repository: keep both.
COPY --from=build /root/.m2/repository /root/.m2/repository
COPY --from=build /fabric /fabric
ENTRYPOINT ["/fabric/bin/component"]
