#!/usr/bin/env bash
# Creates or updates everything ViewerAtlas needs in an AWS account, in order, and can be run again at
# any time: each resource is looked up first and created only when missing; its settings are then put
# with the same values every run, so a second run creates nothing and leaves every setting as it was.
#   1. ECR repositories vieweratlas-{collector,analysis,vod-collector} (immutable tags, scan on push)
#   2. the lake bucket: public-access block, versioning, default encryption, lifecycle
#      (s3/lifecycle.json: raw/ and curated/ expire after 400 days, noncurrent versions after 30,
#      incomplete multipart uploads are aborted after 7 days; docs/DATA_POLICY.md)
#   3. log groups /vieweratlas/<role> with their retention
#   4. the pseudonym key secret (a random key, created once; never printed)
#   5. IAM roles and their inline policies (iam/*.json)
#   6. the ECS cluster (Container Insights on, for the running-task-count alarm)
#   7. the collector service (first task definition registered when the service is created)
#   8. the schedules (create-schedules.sh)
#   9. the monitoring (apply-monitoring.sh)
#  10. an AWS Budgets cost budget alarming $SNS_TOPIC_ARN
# The Twitch secret and the SNS topic are made by hand first (docs/DEPLOYMENT.md, SNS_SETUP.md).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
Usage: $(basename "$0") [--tag SHA] [--env FILE] [--dry-run] [--help]

Creates what is missing and re-applies the settings of what exists: ECR repositories, the lake
bucket (public-access block, versioning, encryption, lifecycle), log groups, the pseudonym key
secret, IAM roles and policies, the ECS cluster, the collector service, the schedules, the
monitoring and a cost budget. Safe to run again: a second run creates nothing.

  --tag SHA     image tag of the collector's first task definition, used only when the service is
                created (default: git rev-parse HEAD)
  --env FILE    read settings (KEY=VALUE) from FILE; see deploy.env.example
  --dry-run     print every AWS CLI call instead of making it (look-ups find nothing, so every
                create is shown)
  --help        show this help

Needs: AWS_REGION ACCOUNT_ID ECS_CLUSTER S3_BUCKET S3_PREFIX TWITCH_SECRET_ARN SUBNETS SECURITY_GROUPS
SNS_TOPIC_ARN. Optional: BUDGET_MONTHLY_USD (default 50), LOG_RETENTION_DAYS (default 30),
PSEUDONYM_SECRET_NAME (default vieweratlas/pseudonym-key); the role ARNs default to the roles this
script creates (arn:aws:iam::\$ACCOUNT_ID:role/vieweratlas-...).
USAGE
}

tag=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) [ $# -ge 2 ] || usage_error "--tag needs a value"; tag=$2; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
parse_common_args "${args[@]+"${args[@]}"}"
require_vars AWS_REGION ACCOUNT_ID ECS_CLUSTER S3_BUCKET S3_PREFIX TWITCH_SECRET_ARN SUBNETS SECURITY_GROUPS \
  SNS_TOPIC_ARN
[ -n "$tag" ] || tag=$(default_image_tag)
check_image_tag "$tag"
export IMAGE_TAG=$tag
export BUDGET_MONTHLY_USD=${BUDGET_MONTHLY_USD:-50}
[[ "$BUDGET_MONTHLY_USD" =~ ^[0-9]+(\.[0-9]+)?$ ]] || usage_error "BUDGET_MONTHLY_USD '$BUDGET_MONTHLY_USD' is not an amount"
retention=${LOG_RETENTION_DAYS:-30}
role_arn="arn:aws:iam::$ACCOUNT_ID:role"
export EXECUTION_ROLE_ARN=${EXECUTION_ROLE_ARN:-$role_arn/vieweratlas-task-execution}
export TASK_ROLE_ARN_COLLECTOR=${TASK_ROLE_ARN_COLLECTOR:-$role_arn/vieweratlas-collector}
export TASK_ROLE_ARN_ANALYSIS=${TASK_ROLE_ARN_ANALYSIS:-$role_arn/vieweratlas-analysis}
export TASK_ROLE_ARN_VOD=${TASK_ROLE_ARN_VOD:-$role_arn/vieweratlas-vod-collector}
export SCHEDULER_ROLE_ARN=${SCHEDULER_ROLE_ARN:-$role_arn/vieweratlas-scheduler}

workdir=$(mktemp -d "${TMPDIR:-/tmp}/vieweratlas-bootstrap-XXXXXX")
trap 'rm -rf "$workdir"' EXIT
created=0

# Runs a look-up and succeeds when it finds the resource. A dry run prints it and finds nothing, so
# the create that follows is printed too.
found() {
  if [ "$DRY_RUN" = 1 ]; then
    aws_call "$@" >/dev/null
    return 1
  fi
  aws_call "$@" >/dev/null 2>&1
}

# Prints the answer of a look-up, or nothing when it fails or in a dry run.
look_up() {
  local answer
  answer=$(aws_call "$@" 2>/dev/null) || answer=""
  [ "$answer" != None ] || answer=""
  printf '%s' "$answer"
}

made() {
  created=$((created + 1))
  if [ "$DRY_RUN" = 1 ]; then echo "would create $*"; else echo "created $*"; fi
}

# Writes the rendered template $1 to $workdir/$2 and prints that path.
rendered() {
  render "$VA_AWS_DIR/$1" >"$workdir/$2"
  printf '%s' "$workdir/$2"
}

log "1/10 ECR repositories"
for role in "${VA_ROLES[@]}"; do
  if ! found ecr describe-repositories --region "$AWS_REGION" --repository-names "vieweratlas-$role"; then
    aws_call ecr create-repository --region "$AWS_REGION" --repository-name "vieweratlas-$role" \
      --image-tag-mutability IMMUTABLE --image-scanning-configuration scanOnPush=true \
      --encryption-configuration encryptionType=AES256 >/dev/null
    made "ECR repository vieweratlas-$role"
  fi
done

log "2/10 lake bucket s3://$S3_BUCKET"
if ! found s3api head-bucket --region "$AWS_REGION" --bucket "$S3_BUCKET"; then
  location=()
  [ "$AWS_REGION" = us-east-1 ] || location=(--create-bucket-configuration "LocationConstraint=$AWS_REGION")
  aws_call s3api create-bucket --region "$AWS_REGION" --bucket "$S3_BUCKET" "${location[@]+"${location[@]}"}" >/dev/null
  made "bucket $S3_BUCKET"
fi
aws_call s3api put-public-access-block --region "$AWS_REGION" --bucket "$S3_BUCKET" --public-access-block-configuration \
  BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
aws_call s3api put-bucket-versioning --region "$AWS_REGION" --bucket "$S3_BUCKET" \
  --versioning-configuration Status=Enabled
aws_call s3api put-bucket-encryption --region "$AWS_REGION" --bucket "$S3_BUCKET" \
  --server-side-encryption-configuration "file://$VA_AWS_DIR/s3/encryption.json"
aws_call s3api put-bucket-lifecycle-configuration --region "$AWS_REGION" --bucket "$S3_BUCKET" \
  --lifecycle-configuration "file://$(rendered s3/lifecycle.json lifecycle.json)" >/dev/null

log "3/10 log groups (retention $retention days)"
for role in "${VA_ROLES[@]}"; do
  group=/vieweratlas/$role
  existing=$(look_up logs describe-log-groups --region "$AWS_REGION" --log-group-name-prefix "$group" \
    --query "logGroups[?logGroupName=='$group'].logGroupName | [0]" --output text)
  if [ "$existing" != "$group" ]; then
    aws_call logs create-log-group --region "$AWS_REGION" --log-group-name "$group"
    made "log group $group"
  fi
  aws_call logs put-retention-policy --region "$AWS_REGION" --log-group-name "$group" --retention-in-days "$retention"
done

log "4/10 pseudonym key secret"
secret_name=${PSEUDONYM_SECRET_NAME:-vieweratlas/pseudonym-key}
secret_arn=$(look_up secretsmanager describe-secret --region "$AWS_REGION" --secret-id "$secret_name" \
  --query ARN --output text)
if [ -z "$secret_arn" ]; then
  # A fresh random key, handed to the CLI in a private file so it appears in no command line or log.
  (
    umask 077
    printf '{"VIEWERATLAS_PSEUDONYM_KEY":"%s"}' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" \
      >"$workdir/pseudonym-key.json"
  )
  secret_arn=$(aws_call secretsmanager create-secret --region "$AWS_REGION" --name "$secret_name" \
    --description "ViewerAtlas VIEWERATLAS_PSEUDONYM_KEY (HMAC key of collection.pseudonymize)" \
    --secret-string "file://$workdir/pseudonym-key.json" --query ARN --output text)
  rm -f "$workdir/pseudonym-key.json"
  made "secret $secret_name"
fi
[ -n "$secret_arn" ] || secret_arn="arn:aws:secretsmanager:$AWS_REGION:$ACCOUNT_ID:secret:$secret_name"
export PSEUDONYM_SECRET_ARN=${PSEUDONYM_SECRET_ARN:-$secret_arn}
echo "PSEUDONYM_SECRET_ARN=$PSEUDONYM_SECRET_ARN"

log "5/10 IAM roles"
# role name, trust policy, inline policy name, inline policy
ensure_role() {
  local name=$1 trust policy
  trust=$(rendered "iam/$2" "$name-trust.json")
  policy=$(rendered "iam/$4" "$name-policy.json")
  if found iam get-role --role-name "$name"; then
    aws_call iam update-assume-role-policy --role-name "$name" --policy-document "file://$trust"
  else
    aws_call iam create-role --role-name "$name" --assume-role-policy-document "file://$trust" \
      --description "ViewerAtlas ($name)" >/dev/null
    made "IAM role $name"
  fi
  aws_call iam put-role-policy --role-name "$name" --policy-name "$3" --policy-document "file://$policy"
}
ensure_role vieweratlas-task-execution ecs-tasks-trust.json vieweratlas task-execution-role.json
for role in "${VA_ROLES[@]}"; do
  ensure_role "vieweratlas-$role" ecs-tasks-trust.json vieweratlas-lake "task-role-$role.json"
done
ensure_role vieweratlas-scheduler scheduler-trust.json run-tasks scheduler-role.json

log "6/10 ECS cluster $ECS_CLUSTER"
active=$(look_up ecs describe-clusters --region "$AWS_REGION" --clusters "$ECS_CLUSTER" \
  --query "length(clusters[?status=='ACTIVE'])" --output text)
if [ "$active" != 1 ]; then
  aws_call ecs create-cluster --region "$AWS_REGION" --cluster-name "$ECS_CLUSTER" \
    --settings name=containerInsights,value=enabled >/dev/null
  made "ECS cluster $ECS_CLUSTER"
else
  aws_call ecs update-cluster-settings --region "$AWS_REGION" --cluster "$ECS_CLUSTER" \
    --settings name=containerInsights,value=enabled >/dev/null
fi

log "7/10 collector service"
services=$(look_up ecs describe-services --region "$AWS_REGION" --cluster "$ECS_CLUSTER" \
  --services vieweratlas-collector --query "length(services[?status=='ACTIVE'])" --output text)
if [ "$services" != 1 ]; then
  definition=$(TMPDIR=$workdir rendered_task_definition collector)
  revision=$(aws_call ecs register-task-definition --region "$AWS_REGION" --cli-input-json "file://$definition" \
    --query taskDefinition.taskDefinitionArn --output text)
  # One collector at a time: two would double the IRC joins of one account.
  aws_call ecs create-service --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --service-name vieweratlas-collector \
    --task-definition "${revision:-vieweratlas-collector}" --desired-count 1 --launch-type FARGATE \
    --deployment-configuration "minimumHealthyPercent=0,maximumPercent=100,deploymentCircuitBreaker={enable=true,rollback=true}" \
    --network-configuration "$(network_configuration)" >/dev/null
  made "ECS service vieweratlas-collector ($IMAGE_TAG)"
fi
# Later revisions are rolled out by safe-deploy.sh, not here.

dry_args=()
[ "$DRY_RUN" != 1 ] || dry_args=(--dry-run)
log "8/10 schedules"
"$VA_AWS_DIR/create-schedules.sh" "${dry_args[@]+"${dry_args[@]}"}"
log "9/10 monitoring"
"$VA_AWS_DIR/apply-monitoring.sh" "${dry_args[@]+"${dry_args[@]}"}"

log "10/10 budget vieweratlas-monthly ($BUDGET_MONTHLY_USD USD)"
budget=$(rendered budget/budget.json budget.json)
if found budgets describe-budget --region us-east-1 --account-id "$ACCOUNT_ID" --budget-name vieweratlas-monthly; then
  aws_call budgets update-budget --region us-east-1 --account-id "$ACCOUNT_ID" --new-budget "file://$budget"
else
  aws_call budgets create-budget --region us-east-1 --account-id "$ACCOUNT_ID" --budget "file://$budget" \
    --notifications-with-subscribers "file://$(rendered budget/notifications.json notifications.json)"
  made "budget vieweratlas-monthly"
fi

if [ "$DRY_RUN" = 1 ]; then
  echo "bootstrap (dry run): calls above; look-ups were not made, so every create is shown"
else
  echo "bootstrap done: $created created; every other resource was there and its settings were re-applied"
fi
