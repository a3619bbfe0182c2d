#!/usr/bin/env bash
# Checks that the deploy settings exist and have the right shape, without printing their values:
# one line per setting, "ok", "missing" or "bad shape (expected ...)". Exit 0 when all are ok, 1
# otherwise. Used by .github/workflows/deploy-preflight.yml and before a first deploy.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
Usage: $(basename "$0") [--env FILE] [--dry-run] [--help]

Checks the shape of every deploy setting (see deploy.env.example) without printing any value.
Makes no AWS call (--dry-run is accepted for symmetry and changes nothing).

  --env FILE    read settings (KEY=VALUE) from FILE
  --help        show this help
USAGE
}

parse_common_args "$@"

region='[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]'
role_arn="^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]+$"
# NAME~REGEX~WHAT IS EXPECTED ('~' separates: the regexes use '|')
checks=(
  "AWS_REGION~^${region}$~a region such as us-east-1"
  "ACCOUNT_ID~^[0-9]{12}$~12 digits"
  "ECS_CLUSTER~^[A-Za-z0-9_-]{1,255}$~a cluster name"
  "S3_BUCKET~^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$~a bucket name"
  "S3_PREFIX~^([A-Za-z0-9!_.*'()/-]+/)?$~empty or a key prefix ending in /"
  "TWITCH_SECRET_ARN~^arn:aws[a-z-]*:secretsmanager:${region}:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$~a Secrets Manager secret ARN"
  "PSEUDONYM_SECRET_ARN~^arn:aws[a-z-]*:secretsmanager:${region}:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$~a Secrets Manager secret ARN"
  "EXECUTION_ROLE_ARN~${role_arn}~an IAM role ARN"
  "TASK_ROLE_ARN_COLLECTOR~${role_arn}~an IAM role ARN"
  "TASK_ROLE_ARN_ANALYSIS~${role_arn}~an IAM role ARN"
  "TASK_ROLE_ARN_VOD~${role_arn}~an IAM role ARN"
  "SCHEDULER_ROLE_ARN~${role_arn}~an IAM role ARN"
  "SUBNETS~^subnet-[0-9a-f]{8,17}(,subnet-[0-9a-f]{8,17})*$~subnet-… ids, comma-separated"
  "SECURITY_GROUPS~^sg-[0-9a-f]{8,17}(,sg-[0-9a-f]{8,17})*$~sg-… ids, comma-separated"
  "ASSIGN_PUBLIC_IP~^(ENABLED|DISABLED)$~ENABLED or DISABLED"
  "SNS_TOPIC_ARN~^arn:aws[a-z-]*:sns:${region}:[0-9]{12}:[A-Za-z0-9_-]{1,256}$~an SNS topic ARN"
)
failed=0
for check in "${checks[@]}"; do
  IFS='~' read -r name pattern expected <<<"$check"
  value=${!name:-}
  if [ -z "$value" ]; then
    echo "$name: missing"
    failed=1
  elif [[ "$value" =~ $pattern ]]; then
    echo "$name: ok"
  else
    echo "$name: bad shape (expected $expected)"
    failed=1
  fi
done
# The ARNs must name the account and region the other settings name.
if [ "$failed" = 0 ]; then
  for name in TWITCH_SECRET_ARN PSEUDONYM_SECRET_ARN SNS_TOPIC_ARN; do
    [[ "${!name}" == *":$AWS_REGION:$ACCOUNT_ID:"* ]] || { echo "$name: bad shape (not in AWS_REGION/ACCOUNT_ID)"; failed=1; }
  done
fi
exit "$failed"
