#!/usr/bin/env bash
# Runs the analysis task once on ECS, waits for it to stop, and checks that it exited 0 and that
# processed/analysis_results.json appeared (or changed) in the lake.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
Usage: $(basename "$0") [--env FILE] [--dry-run] [--help]

Runs the vieweratlas-analysis task (newest revision) once in \$ECS_CLUSTER, waits until it stops,
then checks its exit code and that s3://\$S3_BUCKET/\${S3_PREFIX}processed/analysis_results.json
exists and is newer than before the run (aws s3api head-object).

  --env FILE    read settings (KEY=VALUE) from FILE; see deploy.env.example
  --dry-run     print every AWS CLI call instead of making it
  --help        show this help

Needs: AWS_REGION ECS_CLUSTER S3_BUCKET S3_PREFIX SUBNETS SECURITY_GROUPS
USAGE
}

parse_common_args "$@"
require_vars AWS_REGION ECS_CLUSTER S3_BUCKET S3_PREFIX SUBNETS SECURITY_GROUPS
key="${S3_PREFIX}processed/analysis_results.json"

# The results object's ETag before the run ("absent" when there is none yet).
results_etag() {
  aws_call s3api head-object --region "$AWS_REGION" --bucket "$S3_BUCKET" --key "$key" \
    --query ETag --output text 2>/dev/null || echo absent
}

before=$(results_etag)
log "results before the run: ${before:-unknown}"
task=$(aws_call ecs run-task --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --launch-type FARGATE \
  --task-definition vieweratlas-analysis --network-configuration "$(network_configuration)" \
  --started-by smoke-test --query 'tasks[0].taskArn' --output text)
if [ "$DRY_RUN" != 1 ] && { [ -z "$task" ] || [ "$task" = None ]; }; then
  die "run-task started no task (check capacity, subnets and the task definition)"
fi
log "started ${task:-<dry-run task>}; waiting for it to stop"
aws_call ecs wait tasks-stopped --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --tasks "${task:-TASK_ARN}"
code=$(aws_call ecs describe-tasks --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --tasks "${task:-TASK_ARN}" \
  --query 'tasks[0].containers[0].exitCode' --output text)
after=$(results_etag)
if [ "$DRY_RUN" = 1 ]; then
  echo "smoke test (dry run): calls above"
  exit 0
fi
[ "$code" = 0 ] || die "analysis task exited with code $code (logs: /vieweratlas/analysis in CloudWatch Logs)"
[ "$after" != absent ] || die "s3://$S3_BUCKET/$key does not exist after the run"
[ "$after" != "$before" ] || die "s3://$S3_BUCKET/$key did not change (ETag $after)"
echo "smoke test passed: analysis exited 0 and wrote s3://$S3_BUCKET/$key (ETag $after)"
