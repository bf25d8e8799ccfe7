# Shared by every script of submit-scripts/ and scripts/: locate the build, make a "Spark home" from the
# Maven-resolved jars. Source it; it defines (and exports) QCMB_HOME, and defines APP_JAR, JAVA, SPARK_FLAGS,
# require_build() and spark_home().
QCMB_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export QCMB_HOME
APP_JAR="$(ls "$QCMB_HOME"/target/qcmb-spark-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n1 || true)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
read -r -a SPARK_FLAGS < <(grep -v '^#' "$QCMB_HOME/conf/jvm-flags")
# The launchers' class path; the class-data archive is only valid for exactly this one (same jars, same order).
APP_CLASSPATH="$APP_JAR:$QCMB_HOME/target/lib/*"
# The class-data-sharing archive that `mvn package` makes (submit-scripts/make-class-archive); not in git.
CLASS_ARCHIVE="$QCMB_HOME/target/qcmb.jsa"

# JVM options that map the class-data archive, when it exists and is newer than the jars it was made from.
# The JVM checks the jars itself and starts without the archive (silently: cds logging is off) when they differ.
class_archive_opts() {
  if [[ -f "$CLASS_ARCHIVE" && "$CLASS_ARCHIVE" -nt "$APP_JAR" && ! "$QCMB_HOME/target/lib" -nt "$CLASS_ARCHIVE" ]]; then
    echo "-XX:SharedArchiveFile=$CLASS_ARCHIVE -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}

require_build() {
  if [[ -z "$APP_JAR" || ! -d "$QCMB_HOME/target/lib" ]]; then
    echo "$(basename "$0"): the application is not built yet: run 'mvn -q -B package -DskipTests' in $QCMB_HOME first" >&2
    exit 2
  fi
}

# A Spark home without a Spark download: jars/ links every runtime jar of the build (Spark, OSHI, Jackson,
# EJML and the application itself), conf/ is the project's conf/. Prints its path.
spark_home() {
  require_build
  local home="$QCMB_HOME/target/spark-home"
  if [[ ! -d "$home/jars" || "$APP_JAR" -nt "$home/jars" || "$QCMB_HOME/target/lib" -nt "$home/jars" ]]; then
    rm -rf "$home/jars"
    mkdir -p "$home/jars"
    local j
    for j in "$QCMB_HOME"/target/lib/*.jar "$APP_JAR"; do
      ln -s "$j" "$home/jars/$(basename "$j")"
    done
  fi
  ln -sfn "$QCMB_HOME/conf" "$home/conf"
  echo "$home"
}

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export SPARK_SCALA_VERSION=2.13
