# Shared by every script of submit-scripts/ and scripts/: locate the build, make a "Spark home" from the
# Maven-resolved jars. Source it; it defines (and exports) QCMB_HOME, and defines APP_JAR, JAVA, SPARK_FLAGS, ENGINE_FLAGS,
# require_build() and spark_home().
QCMB_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export QCMB_HOME
APP_JAR="$(ls "$QCMB_HOME"/target/qcmb-spark-*.jar 2>/dev/null | grep -v -e sources -e tests | head -n1 || true)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
read -r -a SPARK_FLAGS < <(grep -v '^#' "$QCMB_HOME/conf/jvm-flags")
# The engine's JVM options, the same for the launchers and the class-data archive (whose module options must match):
# the Vector API module for the dense kernels, G1 for the density-fitting tensors (see submit-scripts/qcmb).
ENGINE_FLAGS=(--add-modules=jdk.incubator.vector -XX:+UseG1GC)
# The launchers' class path; the class-data archive is only valid for exactly this one (same jars, same order).
APP_CLASSPATH="$APP_JAR:$QCMB_HOME/target/lib/*"
# The class-data-sharing archive that `mvn package` makes (submit-scripts/make-class-archive); not in git.
CLASS_ARCHIVE="$QCMB_HOME/target/qcmb.jsa"
# `compute` (one AtomicInput, no Spark) starts on the jars it uses only: with the 180 jars of the full class path
# the JVM alone takes 0.2 s longer to start. Its own class-data archive (a static one, see make-class-archive).
ENGINE_JARS=(jackson-databind jackson-core jackson-annotations jackson-dataformat-yaml snakeyaml ejml-core ejml-ddense
             picocli)
ENGINE_CLASSPATH="$APP_JAR"
for _jar in "${ENGINE_JARS[@]}"; do
  for _file in "$QCMB_HOME"/target/lib/"$_jar"-[0-9]*.jar; do
    [[ -f "$_file" ]] && ENGINE_CLASSPATH+=":$_file"
  done
done
unset _jar _file
ENGINE_ARCHIVE="$QCMB_HOME/target/qcmb-engine.jsa"

# JVM options that map a class-data archive (CLASS_ARCHIVE, or ENGINE_ARCHIVE for compute), when it exists and is
# newer than the jars it was made from. The JVM checks the jars itself and starts without the archive (silently:
# cds logging is off) when they differ.
archive_opts() {
  if [[ -f "$1" && "$1" -nt "$APP_JAR" && ! "$QCMB_HOME/target/lib" -nt "$1" ]]; then
    echo "-XX:SharedArchiveFile=$1 -Xlog:cds=off -Xlog:cds+dynamic=off"
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

# JIT options of `compute` for its input (the arguments after "compute"); only speed depends on them, never a
# number. The size of a builtin calculation is estimated as atoms times functions per atom of the basis family,
# 1.2x for MP2 and 1.2x for gradients (water dimer aug-cc-pVDZ: 82, trimer 123, tetramer 164).
# - Small (size <= 110, and Psi4-engine runs, where the JVM only reads and writes JSON): C1 alone, no profiling
#   tier, with the plain fused-multiply-add kernel (linalg/FmaKernel: the Vector API kernel's numbers bit for bit;
#   Vector API code is slow until C2 compiles it). The run ends before C2 could pay off: up to twice as fast.
# - Medium (size <= 400; a water octamer aug-cc-pVDZ is 328): tiered, but C2, the optimising JIT, compiles only
#   the dense kernels and the DF contractions (conf/compute-c2.json, a HotSpot compiler-directives file); the
#   integral code stays with C1. C2 is the bottleneck of a fresh JVM's first seconds (it compiled for 1.5 s of a 2.0
#   s tetramer HF/aug-cc-pVDZ), and the integrals' C2 code came too late to pay off: tetramer HF 2.0 -> 1.7 s,
#   MP2 2.47 -> 2.07 s, octamer HF 12.5 s either way. The VM's "N compiler directives added" line goes to stderr
#   (DisplayVMOutputToStderr), where the launcher filters it.
# - Larger, unknown bases and Hessians: the JVM's defaults.
# Measurements: docs/bench-engine-results.md.
compute_jit_opts() {
  local input="" engine=builtin a prev=""
  for a in "$@"; do
    case "$prev" in
      --engine) engine="$a" ;;
      -o|--output) ;;
      *) [[ -z "$input" && "$a" != -* ]] && input="$a" ;;
    esac
    case "$a" in --engine=*) engine="${a#--engine=}" ;; esac
    prev="$a"
  done
  local c1="-XX:TieredStopAtLevel=1 -Dqcmb.kernel=fma"
  if [[ "$engine" != builtin ]]; then
    echo "$c1"
    return
  fi
  [[ -f "$input" && -r "$input" ]] || return 0
  local json="" symbols atoms=0 hydrogens=0 basis per_heavy per_h size s
  read -r -d '' -n 100000 json <"$input" || true # bash builtins only: this runs before every compute
  json="${json//[[:space:]]/}"
  json="${json,,}"
  [[ "$json" == *'"driver":"hessian"'* ]] && return 0
  [[ "$json" =~ \"symbols\":\[([^]]*)\] ]] || return 0
  IFS=, read -r -a symbols <<<"${BASH_REMATCH[1]}"
  for s in "${symbols[@]}"; do
    atoms=$((atoms + 1))
    [[ "$s" == '"h"' ]] && hydrogens=$((hydrogens + 1))
  done
  [[ "$json" =~ \"basis\":\"([^\"]*)\" ]] || return 0
  basis="${BASH_REMATCH[1]}"
  case "$basis" in
    sto-3g|3-21g|6-31g) per_heavy=9; per_h=2 ;;
    6-31g\*|6-31gs|6-31g\(d\)|6-31g\*\*|6-31gss|6-31g\(d,p\)|6-31+g\*|6-31pgs|cc-pvdz|def2-svp) per_heavy=15; per_h=5 ;;
    aug-cc-pvdz) per_heavy=23; per_h=9 ;;
    *) return 0 ;;
  esac
  (( atoms > 0 )) || return 0
  size=$(( (atoms - hydrogens) * per_heavy + hydrogens * per_h ))
  [[ "$json" == *'"method":"mp2"'* ]] && size=$(( size * 6 / 5 ))
  [[ "$json" == *'"driver":"gradient"'* ]] && size=$(( size * 6 / 5 ))
  if (( size <= 110 )); then
    echo "$c1"
  elif (( size <= 400 )); then
    echo "-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=$QCMB_HOME/conf/compute-c2.json" \
      "-XX:+DisplayVMOutputToStderr"
  fi
  return 0
}
