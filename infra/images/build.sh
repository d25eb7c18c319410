#!/usr/bin/env bash
# Builds one container image per fabric component with podman, without a Docker daemon or a registry:
#   localhost/fabric/{gateway,executor,router,registry}:<version>  the fabric
#   localhost/fabric/{kafka,s3,provision}:<version>                 its infrastructure: a Kafka broker compatible with
#     apache/kafka's image (KAFKA_* variables, /etc/kafka/docker/run: Testcontainers' KafkaContainer runs it), the S3
#     server, and the one-shot provisioning of topics and schemas (docker-compose.yml, FabricContainer)
# The base (Debian bookworm minbase from debootstrap, plus this machine's JDK 17 and user 10001) is built once and
# cached in $FABRIC_IMAGE_CACHE; component images add the module's classes and its runtime jars.
# Needs: podman with runc (see FINDINGS "Containers with podman"), debootstrap for the first base, and the modules
# built (./mvnw -B -DskipTests package). Usage: infra/images/build.sh [--base | component ...]
#   --base   only the base images (localhost/debian-min:bookworm, which executor's ContainerIT runs, and the JDK base)
# With FABRIC_IMAGES_OPTIONAL=true (the Maven build sets it) a machine where podman does not work, or a module not
# built, is no error: the script says so and goes on, and the container tests skip, naming the missing images.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
VERSION=${FABRIC_IMAGE_VERSION:-0.1.0-SNAPSHOT}
CACHE=${FABRIC_IMAGE_CACHE:-$HOME/.cache/fabric-images}
DEBIAN=localhost/debian-min:bookworm
BASE=localhost/fabric/base:17
mkdir -p "$CACHE"

# podman here: runc (crun fails on hybrid cgroups) and explicit ulimits (the defaults cannot be set unprivileged).
if [ -z "${CONTAINERS_CONF:-}" ]; then
  export CONTAINERS_CONF=$CACHE/containers.conf
  cat > "$CONTAINERS_CONF" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
CONF
fi

if [ "${FABRIC_IMAGES_OPTIONAL:-false}" = true ] && ! podman info >/dev/null 2>&1; then
  echo "infra/images/build.sh: podman does not work here ($(command -v podman || echo 'not on the PATH')): no images" >&2
  exit 0
fi

component() { # name module main
  case $1 in
    gateway) echo "gateway dev.computefabric.gateway.GatewayApplication" ;;
    executor) echo "executor dev.computefabric.executor.ExecutorMain" ;;
    router) echo "result-router dev.computefabric.router.RouterMain" ;;
    registry) echo "infra/schema-registry dev.computefabric.registry.RegistryMain" ;;
    kafka) echo "infra/kafka-broker dev.computefabric.infra.broker.BrokerMain" ;;
    s3) echo "infra/s3-server dev.computefabric.infra.s3.S3ServerMain" ;;
    provision) echo "infra/stack dev.computefabric.infra.stack.ProvisionTopicsMain" ;;
    *) echo "unknown component $1 (gateway, executor, router, registry, kafka, s3, provision)" >&2; exit 2 ;;
  esac
}

if ! podman image exists "$DEBIAN"; then
  if [ ! -f "$CACHE/debian-min.tar" ]; then
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    rootfs=$(mktemp -d)
    debootstrap --variant=minbase bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}"
    tar -C "$rootfs" -cf "$CACHE/debian-min.tar" .
    rm -rf "$rootfs"
  fi
  podman import "$CACHE/debian-min.tar" "$DEBIAN"
fi

if ! podman image exists "$BASE"; then
  context=$(mktemp -d)
  # This machine's JDK 17 (Debian's, built for bookworm like the base): no image registry to pull a JRE from.
  jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  # Dereferenced: Debian links its JDK's conf and cacerts to /etc, which the image does not have.
  # (src.zip and the like point nowhere on a JDK without sources: skipped, and the copy checked by running it.)
  cp -rL "$jdk" "$context/jdk" 2>/dev/null || true
  "$context/jdk/bin/java" -version
  cat > "$context/Containerfile" <<'CONTAINERFILE'
FROM localhost/debian-min:bookworm
COPY jdk /opt/java
RUN groupadd --gid 10001 fabric && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /tmp fabric
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:$PATH
USER 10001:10001
WORKDIR /tmp
CONTAINERFILE
  podman build --pull=never -t "$BASE" "$context"
  rm -rf "$context"
fi

if [ "${1:-}" = --base ]; then
  exit 0
fi

# Lines a component's image adds after its classes, and its entry point.
extras() { # name main
  case $1 in
    # As apache/kafka: a command, no entry point (KafkaContainer replaces the command with its own start script).
    kafka) cat <<'LINES'
COPY kafka /etc/kafka/docker
USER root
RUN mkdir -p /var/lib/kafka/data && chown 10001:10001 /var/lib/kafka/data
USER 10001:10001
EXPOSE 9092 9093
CMD ["/etc/kafka/docker/run"]
LINES
      return ;;
    # Named volumes start as a copy of the image's folder: owned by the fabric user, or it cannot write there.
    s3) printf '%s\n' 'USER root' 'RUN mkdir -p /data && chown 10001:10001 /data' 'USER 10001:10001' ;;
    router) printf '%s\n' 'USER root' 'RUN mkdir -p /state && chown 10001:10001 /state' 'USER 10001:10001' ;;
  esac
  echo "ENTRYPOINT [\"java\", \"-XX:+ExitOnOutOfMemoryError\", \"-XX:MaxRAMPercentage=75\", \"@/opt/fabric/java.args\", \"$2\"]"
}

for name in "${@:-gateway executor router registry kafka s3 provision}"; do
  for one in $name; do
    read -r module main <<<"$(component "$one")"
    classpath_file=$ROOT/$module/target/fabric-classpath.txt
    if [ ! -d "$ROOT/$module/target/classes" ] || [ ! -f "$classpath_file" ]; then
      echo "$module is not built: run ./mvnw -B -DskipTests package first" >&2
      [ "${FABRIC_IMAGES_OPTIONAL:-false}" = true ] && continue # the tests then run the image there is, or skip
      exit 1
    fi
    context=$(mktemp -d)
    mkdir -p "$context/lib"
    cp -a "$ROOT/$module/target/classes" "$context/classes"
    # The runtime jars in the launcher's order, renamed by position so that equal file names cannot collide.
    cp_entries=/opt/fabric/classes
    i=0
    IFS=: read -r -a jars < "$classpath_file" || true # no newline at its end
    for jar in "${jars[@]}"; do
      if [ -d "$jar" ]; then # a sibling module's classes
        cp -a "$jar" "$context/lib/$i"
      else
        cp "$jar" "$context/lib/$i.jar"
      fi
      cp_entries=$cp_entries:/opt/fabric/lib/$i$([ -d "$jar" ] || echo .jar)
      i=$((i + 1))
    done
    echo "-cp $cp_entries" > "$context/java.args"
    if [ -d "$ROOT/infra/images/$one" ]; then # the component's own files (the broker's run script)
      cp -a "$ROOT/infra/images/$one" "$context/$one"
    fi
    cat > "$context/Containerfile" <<CONTAINERFILE
FROM $BASE
COPY lib /opt/fabric/lib
COPY classes /opt/fabric/classes
COPY java.args /opt/fabric/java.args
ENV FABRIC_METRICS_PORT=9404
EXPOSE 9404
$(extras "$one" "$main")
CONTAINERFILE
    tag=localhost/fabric/$one:$VERSION
    previous=$(podman image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
    podman build --pull=never -t "$tag" "$context"
    rm -rf "$context"
    # The image this one replaces (~50-100 MB of jars each), unless a container still uses it: the Maven build runs
    # this script on every verify.
    if [ -n "$previous" ] && [ "$previous" != "$(podman image inspect --format '{{.Id}}' "$tag")" ]; then
      podman rmi "$previous" >/dev/null 2>&1 || true
    fi
  done
done
podman images --filter reference='localhost/fabric/*'
