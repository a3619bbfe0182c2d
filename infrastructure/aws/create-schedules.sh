#!/usr/bin/env bash
# Creates or updates the EventBridge Scheduler schedules of the batch roles:
#   vieweratlas-analysis       daily at 03:00 UTC   -> ECS task vieweratlas-analysis
#   vieweratlas-vod-collector  every 6 hours        -> ECS task vieweratlas-vod-collector
# Targets name the task definition family without a revision, so each run uses the newest one.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
Usage: $(basename "$0") [--env FILE] [--dry-run] [--help]

Creates (or updates, when they exist) the schedules vieweratlas-analysis (cron(0 3 * * ? *), UTC)
and vieweratlas-vod-collector (rate(6 hours)) that run the ECS tasks in \$ECS_CLUSTER.

  --env FILE    read settings (KEY=VALUE) from FILE; see deploy.env.example
  --dry-run     print every AWS CLI call instead of making it
  --help        show this help

Needs: AWS_REGION ACCOUNT_ID ECS_CLUSTER SCHEDULER_ROLE_ARN SUBNETS SECURITY_GROUPS
USAGE
}

parse_common_args "$@"
require_vars AWS_REGION ACCOUNT_ID ECS_CLUSTER SCHEDULER_ROLE_ARN SUBNETS SECURITY_GROUPS

IFS=, read -ra subnet_list <<<"$SUBNETS"
IFS=, read -ra group_list <<<"$SECURITY_GROUPS"
subnets_json=$(printf '"%s",' "${subnet_list[@]}")
groups_json=$(printf '"%s",' "${group_list[@]}")

target_json() {
  local role=$1
  printf '{"Arn":"arn:aws:ecs:%s:%s:cluster/%s","RoleArn":"%s","EcsParameters":{"TaskDefinitionArn":"arn:aws:ecs:%s:%s:task-definition/vieweratlas-%s","TaskCount":1,"LaunchType":"FARGATE","NetworkConfiguration":{"awsvpcConfiguration":{"Subnets":[%s],"SecurityGroups":[%s],"AssignPublicIp":"%s"}}},"RetryPolicy":{"MaximumRetryAttempts":2,"MaximumEventAgeInSeconds":3600}}' \
    "$AWS_REGION" "$ACCOUNT_ID" "$ECS_CLUSTER" "$SCHEDULER_ROLE_ARN" "$AWS_REGION" "$ACCOUNT_ID" "$role" \
    "${subnets_json%,}" "${groups_json%,}" "${ASSIGN_PUBLIC_IP:-DISABLED}"
}

schedule() {
  local role=$1 expression=$2 action=create-schedule
  # An existing schedule is updated. A dry run prints the look-up and shows the create.
  if aws_call scheduler get-schedule --region "$AWS_REGION" --name "vieweratlas-$role" >/dev/null 2>&1 \
      && [ "$DRY_RUN" != 1 ]; then
    action=update-schedule
  fi
  aws_call scheduler "$action" --region "$AWS_REGION" --name "vieweratlas-$role" \
    --schedule-expression "$expression" --schedule-expression-timezone UTC \
    --flexible-time-window Mode=OFF --state ENABLED --target "$(target_json "$role")" >/dev/null
  echo "schedule vieweratlas-$role: $expression (${action%-schedule}d)"
}

schedule analysis 'cron(0 3 * * ? *)'
schedule vod-collector 'rate(6 hours)'
