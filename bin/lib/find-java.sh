# shellcheck shell=sh
# Sourced by bin/vieweratlas, mvnw and .ci/run: selects a JDK >= 21 and exports JAVA_HOME.
# Order: $JAVA_HOME when it is new enough, else the newest JDK under /usr/lib/jvm
# (override the scan root with VIEWERATLAS_JVM_DIR). Fails with a clear message when none exists.

va_java_major() {
  # Prints the feature version of the JDK at $1 (e.g. 21, 25), or nothing when it is not a JDK.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
    [ -n "$v" ] && { echo "$v"; return 0; }
  fi
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}

va_select_java() {
  va_min=21
  if [ -n "${JAVA_HOME:-}" ]; then
    m=$(va_java_major "$JAVA_HOME")
    if [ -n "$m" ] && [ "$m" -ge "$va_min" ]; then
      export JAVA_HOME
      return 0
    fi
    va_skipped="JAVA_HOME=$JAVA_HOME is ${m:-not a JDK}"
  fi
  best="" best_m=0
  case $- in *f*) va_noglob=1; set +f ;; *) va_noglob=0 ;; esac
  for d in "${VIEWERATLAS_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -d "$d" ] || continue
    m=$(va_java_major "$d")
    if [ -n "$m" ] && [ "$m" -ge "$va_min" ] && [ "$m" -gt "$best_m" ]; then
      best=$d best_m=$m
    fi
  done
  if [ "$va_noglob" = 1 ]; then set -f; fi
  if [ -z "$best" ]; then
    echo "vieweratlas: no JDK >= $va_min found. ${va_skipped:+($va_skipped) }Set JAVA_HOME to a JDK 21 or newer, or install one under ${VIEWERATLAS_JVM_DIR:-/usr/lib/jvm} (Debian: apt-get install openjdk-21-jdk-headless)." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}
