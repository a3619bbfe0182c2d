#!/bin/sh
# Container health check. The collector touches $VIEWERATLAS_HEARTBEAT_FILE after every closed window;
# it is unhealthy when that file is older than HEALTH_MAX_AGE_S (default 2 windows + 10 minutes).
# Batch roles (analysis, vod-collector) have no liveness signal beyond their process: the check runs
# inside the container, which exists only while its PID 1 (the JVM) runs, so they report healthy.
set -eu
if [ "${VIEWERATLAS_ROLE:-}" = "collector" ]; then
  file=${VIEWERATLAS_HEARTBEAT_FILE:-/tmp/vieweratlas-heartbeat}
  max_age=${HEALTH_MAX_AGE_S:-7800}
  if [ ! -f "$file" ]; then
    # No window closed yet: healthy during the first max_age seconds of the process.
    started=$(stat -c %Y /proc/1)
    [ $(( $(date +%s) - started )) -lt "$max_age" ]
    exit $?
  fi
  [ $(( $(date +%s) - $(stat -c %Y "$file") )) -lt "$max_age" ]
  exit $?
fi
exit 0
