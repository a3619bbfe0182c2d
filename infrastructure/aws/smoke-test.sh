#!/usr/bin/env bash
# Proves a deployment is alive, not just deployed. Checks, each naming the docs/RUNBOOK.md section to
# read when it fails:
#   1. the collector service is ACTIVE with its desired task running          (#collector-not-running)
#   2. that task is HEALTHY: its health check follows the heartbeat file the
#      collector touches after every window                                    (#collector-unhealthy)
#   3. the newest snapshot in the lake is younger than two windows             (#no-snapshots)
#   4. the analysis task, run now, exits 0 and writes
#      processed/analysis_results.json after it started                        (#analysis-missing)
#   5. no ERROR line in the roles' logs of the last SMOKE_LOG_MINUTES minutes  (#error-rate)
# All checks run; the script lists every failure and exits 1 when there is one.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
Usage: $(basename "$0") [--env FILE] [--dry-run] [--help]

Checks that the collector service runs and is healthy (heartbeat), that the newest snapshot under
s3://\$S3_BUCKET/\${S3_PREFIX}raw/snapshots/ is younger than two windows, runs the
vieweratlas-analysis task once and checks it exited 0 and wrote processed/analysis_results.json
after it started, and that the roles logged no ERROR recently. Each failure names its
docs/RUNBOOK.md section.

  --env FILE    read settings (KEY=VALUE) from FILE; see deploy.env.example
  --dry-run     print every AWS CLI call instead of making it
  --help        show this help

Needs: AWS_REGION ECS_CLUSTER S3_BUCKET S3_PREFIX SUBNETS SECURITY_GROUPS. Optional:
WINDOW_SECONDS (collection.window_seconds, default 3600), SMOKE_LOG_MINUTES (default 60).
USAGE
}

parse_common_args "$@"
require_vars AWS_REGION ECS_CLUSTER S3_BUCKET S3_PREFIX SUBNETS SECURITY_GROUPS
window=${WINDOW_SECONDS:-3600}
log_minutes=${SMOKE_LOG_MINUTES:-60}
[[ "$window" =~ ^[0-9]+$ ]] || usage_error "WINDOW_SECONDS '$window' is not a number of seconds"
[[ "$log_minutes" =~ ^[0-9]+$ ]] || usage_error "SMOKE_LOG_MINUTES '$log_minutes' is not a number of minutes"
results="${S3_PREFIX}processed/analysis_results.json"
failures=()

fail() {
  failures+=("$1 (see docs/RUNBOOK.md#$2)")
  log "FAIL: $1"
}

# Seconds since the epoch of an ISO 8601 time as the AWS CLI prints it; empty when it is none.
epoch() {
  [ -n "$1" ] && [ "$1" != None ] || return 0
  date -d "$1" +%s 2>/dev/null || true
}

now=$(date +%s)

log "1/5 collector service"
service=$(aws_call ecs describe-services --region "$AWS_REGION" --cluster "$ECS_CLUSTER" \
  --services vieweratlas-collector --query 'services[0].[status,runningCount,desiredCount]' --output text || true)
if [ "$DRY_RUN" != 1 ]; then
  read -r status running desired <<<"${service:-None 0 0}"
  if [ "$status" != ACTIVE ] || [ "${running:-0}" -lt 1 ] || [ "$running" != "$desired" ]; then
    fail "collector service: status ${status:-none}, $running of $desired tasks running" collector-not-running
  fi
fi

log "2/5 collector heartbeat"
task=$(aws_call ecs list-tasks --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --service-name vieweratlas-collector \
  --desired-status RUNNING --query 'taskArns[0]' --output text || true)
if [ "$DRY_RUN" = 1 ] || { [ -n "$task" ] && [ "$task" != None ]; }; then
  health=$(aws_call ecs describe-tasks --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --tasks "${task:-TASK_ARN}" \
    --query 'tasks[0].healthStatus' --output text || true)
  if [ "$DRY_RUN" != 1 ] && [ "$health" != HEALTHY ]; then
    fail "collector task health is ${health:-unknown}: its heartbeat is stale or no window closed yet" collector-unhealthy
  fi
else
  fail "collector service has no running task" collector-not-running
fi

log "3/5 newest snapshot (younger than two windows: $((2 * window)) s)"
newest=""
for day in "$(date -u -d "@$now" +%Y/%m/%d)" "$(date -u -d "@$((now - 86400))" +%Y/%m/%d)"; do
  # shellcheck disable=SC2016 # a JMESPath literal, not a shell expansion
  newest=$(aws_call s3api list-objects-v2 --region "$AWS_REGION" --bucket "$S3_BUCKET" \
    --prefix "${S3_PREFIX}raw/snapshots/$day/" \
    --query 'sort_by(Contents || `[]`, &LastModified)[-1].LastModified' --output text || true)
  # Yesterday is looked at only when today has none (just after midnight); a dry run shows today's.
  if [ "$DRY_RUN" = 1 ] || [ -n "$(epoch "$newest")" ]; then break; fi
done
if [ "$DRY_RUN" != 1 ]; then
  written=$(epoch "$newest")
  if [ -z "$written" ]; then
    fail "no snapshot under s3://$S3_BUCKET/${S3_PREFIX}raw/snapshots/ today or yesterday" no-snapshots
  elif [ $((now - written)) -gt $((2 * window)) ]; then
    fail "newest snapshot is $(((now - written) / 60)) minutes old (limit $((2 * window / 60)))" no-snapshots
  fi
fi

log "4/5 analysis task"
run=$(aws_call ecs run-task --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --launch-type FARGATE \
  --task-definition vieweratlas-analysis --network-configuration "$(network_configuration)" \
  --started-by smoke-test --query 'tasks[0].taskArn' --output text || true)
if [ "$DRY_RUN" = 1 ] || { [ -n "$run" ] && [ "$run" != None ]; }; then
  log "started ${run:-<dry-run task>}; waiting for it to stop"
  aws_call ecs wait tasks-stopped --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --tasks "${run:-TASK_ARN}" || true
  read -r code started <<<"$(aws_call ecs describe-tasks --region "$AWS_REGION" --cluster "$ECS_CLUSTER" \
    --tasks "${run:-TASK_ARN}" --query 'tasks[0].[containers[0].exitCode,startedAt]' --output text || true)"
  modified=$(aws_call s3api head-object --region "$AWS_REGION" --bucket "$S3_BUCKET" --key "$results" \
    --query LastModified --output text 2>/dev/null || true)
  if [ "$DRY_RUN" != 1 ]; then
    if [ "${code:-}" != 0 ]; then
      fail "analysis task exited with code ${code:-unknown} (logs: /vieweratlas/analysis)" analysis-missing
    elif [ -z "$(epoch "$modified")" ]; then
      fail "s3://$S3_BUCKET/$results does not exist after the analysis ran" analysis-missing
    elif [ -z "$(epoch "${started:-}")" ] || [ "$(epoch "$modified")" -lt "$(epoch "$started")" ]; then
      fail "s3://$S3_BUCKET/$results ($modified) is older than the analysis run (started ${started:-unknown})" \
        analysis-missing
    fi
  fi
else
  fail "run-task started no analysis task (capacity, subnets or the task definition)" analysis-missing
fi

log "5/5 ERROR lines in the last $log_minutes minutes"
for role in "${VA_ROLES[@]}"; do
  errors=$(aws_call logs filter-log-events --region "$AWS_REGION" --log-group-name "/vieweratlas/$role" \
    --start-time "$(((now - log_minutes * 60) * 1000))" --filter-pattern '{ $.level = "ERROR" }' \
    --max-items 3 --query 'events[].message' --output text || true)
  if [ "$DRY_RUN" != 1 ] && [ -n "$errors" ] && [ "$errors" != None ]; then
    fail "/vieweratlas/$role logged ERROR lines, e.g.: ${errors:0:300}" error-rate
  fi
done

if [ "$DRY_RUN" = 1 ]; then
  echo "smoke test (dry run): calls above"
  exit 0
fi
if [ "${#failures[@]}" -gt 0 ]; then
  printf 'smoke test FAILED:\n' >&2
  printf '  - %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "smoke test passed: collector running and healthy, newest snapshot $(((now - $(epoch "$newest")) / 60)) min old," \
  "analysis exited 0 and wrote s3://$S3_BUCKET/$results, no ERROR in $log_minutes min of logs"
