#!/usr/bin/env bash
# Shared helpers of the ViewerAtlas AWS scripts (sourced, not run).
#
# Settings come from the environment, or from a file given with --env FILE (KEY=VALUE lines, see
# deploy.env.example). In --dry-run mode every AWS CLI call is printed ("aws ..." with shell quoting)
# on the original stdout instead of being made, and answers with an empty result.

VA_AWS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VA_ROOT=$(cd "$VA_AWS_DIR/../.." && pwd)
# shellcheck disable=SC2034 # used by the scripts that source this file
VA_ROLES=(collector analysis vod-collector)
DRY_RUN=${DRY_RUN:-0}
# fd 3 is the script's stdout, so dry-run lines are shown even inside $(...).
exec 3>&1

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

usage_error() {
  echo "$(basename "$0"): $*" >&2
  echo "Try '$(basename "$0") --help'." >&2
  exit 2
}

log() {
  echo "$(basename "$0"): $*" >&2
}

# Runs (or in dry-run mode prints) one AWS CLI call. AWS_ENDPOINT_URL, when set, is passed as
# --endpoint-url too, for AWS CLI versions older than 2.13 that do not read it themselves (Debian 12
# ships 2.9): the scripts' tests point the real CLI at a loopback endpoint this way.
aws_call() {
  if [ "$DRY_RUN" = 1 ]; then
    local quoted
    printf -v quoted '%q ' aws "$@"
    printf '%s\n' "${quoted% }" >&3
    return 0
  fi
  if [ -n "${AWS_ENDPOINT_URL:-}" ]; then
    aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"
  else
    aws "$@"
  fi
}

# Reads KEY=VALUE lines (comments and blank lines ignored) into the environment; existing variables win.
load_env_file() {
  local file=$1 line key value
  [ -f "$file" ] || usage_error "--env: no such file: $file"
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in '' | '#'*) continue ;; esac
    key=${line%%=*}
    value=${line#*=}
    [[ "$key" =~ ^[A-Z][A-Z0-9_]*$ ]] || usage_error "$file: not a KEY=VALUE line: $key"
    if [ -z "${!key:-}" ]; then
      export "$key=$value"
    fi
  done <"$file"
}

# Parses the options every script shares: --help (the script's own usage()), --dry-run, --env FILE.
parse_common_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --help | -h) usage; exit 0 ;;
      --dry-run) DRY_RUN=1 ;;
      --env) [ $# -ge 2 ] || usage_error "--env needs a value"; load_env_file "$2"; shift ;;
      *) usage_error "unknown argument: $1" ;;
    esac
    shift
  done
}

require_vars() {
  local v missing=()
  for v in "$@"; do
    [ -n "${!v:-}" ] || missing+=("$v")
  done
  [ "${#missing[@]}" -eq 0 ] || usage_error "missing settings: ${missing[*]} (environment or --env FILE)"
}

# Image tags are immutable git SHAs; ":latest" and friends are refused.
check_image_tag() {
  local tag=$1
  [ "$tag" != latest ] || usage_error "refusing to deploy ':latest'; tags are git commit SHAs"
  [[ "$tag" =~ ^[0-9a-f]{7,40}$ ]] || usage_error "image tag '$tag' is not a git commit SHA (7-40 lower-case hex digits)"
}

# Default tag: the checked-out commit.
default_image_tag() {
  git -C "$VA_ROOT" rev-parse HEAD
}

# Prints a template with every ${VAR} replaced by its value; an unset variable is an error.
render() {
  local file=$1 text var placeholders
  text=$(<"$file")
  # shellcheck disable=SC2016 # literal ${VAR} placeholders, not expansions
  placeholders=$(grep -o '\${[A-Z_][A-Z0-9_]*}' "$file" | tr -d '${}' | sort -u || true)
  while read -r var; do
    [ -n "$var" ] || continue
    [ -n "${!var:-}" ] || usage_error "$var is not set (needed by ${file#"$VA_ROOT"/})"
    text=${text//"\${$var}"/"${!var}"}
  done <<<"$placeholders"
  printf '%s\n' "$text"
}

# The task role variable of a role name.
task_role_var() {
  case "$1" in
    collector) echo TASK_ROLE_ARN_COLLECTOR ;;
    analysis) echo TASK_ROLE_ARN_ANALYSIS ;;
    vod-collector) echo TASK_ROLE_ARN_VOD ;;
    *) usage_error "unknown role: $1 (collector, analysis, vod-collector)" ;;
  esac
}

# Writes the rendered task definition of a role to a temporary file and prints its path.
rendered_task_definition() {
  local role=$1 out
  task_role_var "$role" >/dev/null
  out=$(mktemp "${TMPDIR:-/tmp}/vieweratlas-$role-XXXXXX")
  render "$VA_AWS_DIR/task-definitions/$role.json" >"$out"
  echo "$out"
}

# Comma-separated subnets/security groups -> awsvpc network configuration for run-task and schedules.
network_configuration() {
  printf 'awsvpcConfiguration={subnets=[%s],securityGroups=[%s],assignPublicIp=%s}' \
    "$SUBNETS" "$SECURITY_GROUPS" "${ASSIGN_PUBLIC_IP:-DISABLED}"
}
