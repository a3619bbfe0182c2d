#!/usr/bin/env bash
# Applies the CloudWatch monitoring of ViewerAtlas: the ERROR-line metric filter on each role's log
# group, the alarms in monitoring/alarms/ (wired to $SNS_TOPIC_ARN), the dashboard, and an EventBridge
# rule that sends failed ECS tasks (stopped with a non-zero exit code) to the same topic.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
Usage: $(basename "$0") [--env FILE] [--dry-run] [--help]

Puts the log metric filter ErrorLogLines on /vieweratlas/{collector,analysis,vod-collector}, the
alarms of infrastructure/aws/monitoring/alarms/*.json, the dashboard "ViewerAtlas" and the
EventBridge rule vieweratlas-task-failed -> SNS. Every call is idempotent (put-*).
The SNS topic and its subscriptions are set up once by hand: see SNS_SETUP.md.

  --env FILE    read settings (KEY=VALUE) from FILE; see deploy.env.example
  --dry-run     print every AWS CLI call instead of making it
  --help        show this help

Needs: AWS_REGION SNS_TOPIC_ARN
USAGE
}

parse_common_args "$@"
require_vars AWS_REGION SNS_TOPIC_ARN
monitoring="$VA_AWS_DIR/monitoring"
workdir=$(mktemp -d "${TMPDIR:-/tmp}/vieweratlas-monitoring-XXXXXX")
trap 'rm -rf "$workdir"' EXIT

for role in "${VA_ROLES[@]}"; do
  aws_call logs put-metric-filter --region "$AWS_REGION" --log-group-name "/vieweratlas/$role" \
    --cli-input-json "file://$monitoring/error-metric-filter.json"
done
echo "metric filter vieweratlas-error-log-lines on ${#VA_ROLES[@]} log groups"

for template in "$monitoring"/alarms/*.json; do
  name=$(basename "$template" .json)
  render "$template" >"$workdir/$name.json"
  aws_call cloudwatch put-metric-alarm --region "$AWS_REGION" --cli-input-json "file://$workdir/$name.json"
  echo "alarm $name -> $SNS_TOPIC_ARN"
done

render "$monitoring/dashboard.json" >"$workdir/dashboard.json"
aws_call cloudwatch put-dashboard --region "$AWS_REGION" --dashboard-name ViewerAtlas \
  --dashboard-body "file://$workdir/dashboard.json" >/dev/null
echo "dashboard ViewerAtlas"

aws_call events put-rule --region "$AWS_REGION" --name vieweratlas-task-failed \
  --event-pattern "file://$monitoring/task-failure-rule.json" --state ENABLED >/dev/null
aws_call events put-targets --region "$AWS_REGION" --rule vieweratlas-task-failed \
  --targets "Id=sns,Arn=$SNS_TOPIC_ARN" >/dev/null
echo "rule vieweratlas-task-failed -> $SNS_TOPIC_ARN"
