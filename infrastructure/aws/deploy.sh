#!/usr/bin/env bash
# Registers the task definitions of the ViewerAtlas roles for one image tag and rolls the collector
# service onto its new revision. Scheduled roles (analysis, vod-collector) pick up the newest revision
# of their family at their next run. Prefer safe-deploy.sh, which checks first and rolls back.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
Usage: $(basename "$0") [--tag SHA] [--role ROLE]... [--env FILE] [--dry-run] [--help]

Registers task definitions from infrastructure/aws/task-definitions/ with image tag SHA and
updates the collector ECS service (vieweratlas-collector in \$ECS_CLUSTER).

  --tag SHA     image tag to deploy (default: git rev-parse HEAD); ':latest' is refused
  --role ROLE   collector, analysis or vod-collector (repeatable; default: all three)
  --env FILE    read settings (KEY=VALUE) from FILE; see deploy.env.example
  --dry-run     print every AWS CLI call instead of making it
  --help        show this help

Needs: AWS_REGION ACCOUNT_ID ECS_CLUSTER S3_BUCKET S3_PREFIX TWITCH_SECRET_ARN PSEUDONYM_SECRET_ARN EXECUTION_ROLE_ARN
and the TASK_ROLE_ARN_* of the roles deployed.
USAGE
}

tag=""
roles=()
while [ $# -gt 0 ]; do
  case "$1" in
    --help | -h) usage; exit 0 ;;
    --dry-run) DRY_RUN=1 ;;
    --tag) [ $# -ge 2 ] || usage_error "--tag needs a value"; tag=$2; shift ;;
    --role) [ $# -ge 2 ] || usage_error "--role needs a value"; task_role_var "$2" >/dev/null; roles+=("$2"); shift ;;
    --env) [ $# -ge 2 ] || usage_error "--env needs a value"; load_env_file "$2"; shift ;;
    *) usage_error "unknown argument: $1" ;;
  esac
  shift
done
[ "${#roles[@]}" -gt 0 ] || roles=("${VA_ROLES[@]}")
[ -n "$tag" ] || tag=$(default_image_tag)
check_image_tag "$tag"
export IMAGE_TAG=$tag
require_vars AWS_REGION ACCOUNT_ID ECS_CLUSTER S3_BUCKET S3_PREFIX TWITCH_SECRET_ARN PSEUDONYM_SECRET_ARN \
  EXECUTION_ROLE_ARN

workdir=$(mktemp -d "${TMPDIR:-/tmp}/vieweratlas-deploy-XXXXXX")
trap 'rm -rf "$workdir"' EXIT

for role in "${roles[@]}"; do
  file=$(TMPDIR=$workdir rendered_task_definition "$role")
  log "registering vieweratlas-$role with image tag $tag"
  arn=$(aws_call ecs register-task-definition --region "$AWS_REGION" --cli-input-json "file://$file" \
    --query taskDefinition.taskDefinitionArn --output text)
  [ -n "$arn" ] || arn="vieweratlas-$role"
  if [ "$role" = collector ]; then
    log "updating service vieweratlas-collector to $arn"
    aws_call ecs update-service --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --service vieweratlas-collector \
      --task-definition "$arn" --query service.taskDefinition --output text >/dev/null
  fi
  echo "deployed vieweratlas-$role: $arn"
done
