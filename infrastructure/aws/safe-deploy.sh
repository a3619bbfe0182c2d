#!/usr/bin/env bash
# Deploys ViewerAtlas only after a preflight, and rolls the collector service back when the new
# revision does not become healthy:
#   1. the git work tree is clean (the image tag is the commit deployed)
#   2. the tests are green (bin/test; --skip-tests skips this, e.g. when CI already ran them)
#   3. an image exists in ECR for the commit, for every role deployed
#   4. the task definition diff against what runs now is shown
#   5. deploy.sh registers and updates; then the collector service must become stable
#      (aws ecs wait services-stable) or the previous revision is restored and the script fails.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
Usage: $(basename "$0") [--tag SHA] [--role ROLE]... [--skip-tests] [--env FILE] [--dry-run] [--help]

Preflight (clean tree, bin/test, image in ECR for SHA, task definition diff), then deploy.sh,
then waits for the collector service to be stable and rolls it back to its previous task
definition when it is not.

  --tag SHA      image tag (default: git rev-parse HEAD); must be HEAD's commit; ':latest' is refused
  --role ROLE    collector, analysis or vod-collector (repeatable; default: all three)
  --skip-tests   do not run bin/test
  --env FILE     read settings (KEY=VALUE) from FILE; see deploy.env.example
  --dry-run      run the local checks, print every AWS CLI call instead of making it
  --help         show this help
USAGE
}

tag=""
roles=()
skip_tests=0
env_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --help | -h) usage; exit 0 ;;
    --dry-run) DRY_RUN=1 ;;
    --skip-tests) skip_tests=1 ;;
    --tag) [ $# -ge 2 ] || usage_error "--tag needs a value"; tag=$2; shift ;;
    --role) [ $# -ge 2 ] || usage_error "--role needs a value"; task_role_var "$2" >/dev/null; roles+=("$2"); shift ;;
    --env) [ $# -ge 2 ] || usage_error "--env needs a value"; load_env_file "$2"; env_args=(--env "$2"); shift ;;
    *) usage_error "unknown argument: $1" ;;
  esac
  shift
done
[ "${#roles[@]}" -gt 0 ] || roles=("${VA_ROLES[@]}")
head=$(default_image_tag)
[ -n "$tag" ] || tag=$head
check_image_tag "$tag"
[[ "$head" == "$tag"* ]] || die "--tag $tag is not the checked-out commit $head; check it out first"
export IMAGE_TAG=$tag
require_vars AWS_REGION ACCOUNT_ID ECS_CLUSTER S3_BUCKET S3_PREFIX TWITCH_SECRET_ARN PSEUDONYM_SECRET_ARN \
  EXECUTION_ROLE_ARN

log "preflight 1/4: clean work tree"
dirty=$(git -C "$VA_ROOT" status --porcelain)
[ -z "$dirty" ] || die "the work tree has uncommitted changes; commit or stash them first:"$'\n'"$dirty"

if [ "$skip_tests" = 1 ]; then
  log "preflight 2/4: tests skipped (--skip-tests)"
else
  # VIEWERATLAS_TEST_COMMAND replaces bin/test (the script's own tests use it).
  test_command=${VIEWERATLAS_TEST_COMMAND:-$VA_ROOT/bin/test}
  log "preflight 2/4: $test_command"
  "$test_command" >&2 || die "tests failed; not deploying"
fi

log "preflight 3/4: images for $tag"
for role in "${roles[@]}"; do
  if ! aws_call ecr describe-images --region "$AWS_REGION" --repository-name "vieweratlas-$role" \
      --image-ids "imageTag=$tag" --query 'imageDetails[0].imageDigest' --output text >/dev/null; then
    die "no image vieweratlas-$role:$tag in ECR; let CI build and push it first"
  fi
done

log "preflight 4/4: task definition diff"
workdir=$(mktemp -d "${TMPDIR:-/tmp}/vieweratlas-safe-deploy-XXXXXX")
trap 'rm -rf "$workdir"' EXIT
for role in "${roles[@]}"; do
  new=$(TMPDIR=$workdir rendered_task_definition "$role")
  current="$workdir/current-$role.json"
  aws_call ecs describe-task-definition --region "$AWS_REGION" --task-definition "vieweratlas-$role" \
    --query 'taskDefinition.containerDefinitions[0]' --output json >"$current" || echo '{}' >"$current"
  echo "--- vieweratlas-$role: running container definition vs new"
  # The new file is a whole RegisterTaskDefinition input; compare its container with the running one.
  if command -v python3 >/dev/null; then
    python3 - "$current" "$new" <<'PY' || true
import difflib, json, sys
def load(path, container):
    try:
        with open(path) as f:
            doc = json.load(f)
    except ValueError:
        doc = {}
    if container:
        doc = doc.get("containerDefinitions", [{}])[0]
    return json.dumps(doc, indent=2, sort_keys=True).splitlines()
sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(load(sys.argv[1], False), load(sys.argv[2], True), "running", "new", lineterm=""))
PY
  else
    diff -u "$current" "$new" || true
  fi
done

previous=$(aws_call ecs describe-services --region "$AWS_REGION" --cluster "$ECS_CLUSTER" \
  --services vieweratlas-collector --query 'services[0].taskDefinition' --output text)

role_args=()
for role in "${roles[@]}"; do role_args+=(--role "$role"); done
dry_args=()
[ "$DRY_RUN" != 1 ] || dry_args=(--dry-run)
"$VA_AWS_DIR/deploy.sh" --tag "$tag" "${role_args[@]}" "${env_args[@]}" "${dry_args[@]}"

case " ${roles[*]} " in *" collector "*) ;; *) echo "safe deploy done (collector service unchanged)"; exit 0 ;; esac

log "waiting for the collector service to become stable"
if aws_call ecs wait services-stable --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --services vieweratlas-collector; then
  echo "safe deploy done: vieweratlas-collector is stable on $tag"
  exit 0
fi
if [ -z "$previous" ] || [ "$previous" = None ]; then
  die "vieweratlas-collector did not become stable and there is no previous task definition to roll back to"
fi
log "vieweratlas-collector did not become stable: rolling back to $previous"
aws_call ecs update-service --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --service vieweratlas-collector \
  --task-definition "$previous" --query service.taskDefinition --output text >/dev/null
aws_call ecs wait services-stable --region "$AWS_REGION" --cluster "$ECS_CLUSTER" --services vieweratlas-collector \
  || log "the rollback has not become stable either; see docs/RUNBOOK.md"
die "deploy of $tag failed its health check; rolled back to $previous"
