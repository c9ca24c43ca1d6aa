#!/usr/bin/env bash
# The reviewer's report in CI: the plan's errors and what it changes against the target branch.
#
#   scripts/ci_report.sh PLAN [OLD]     OLD: a file or git revision to compare with (none on a push)
#
# Every platform shows the job log, so both go there as plain text. Where the platform shows a job
# summary ($GITHUB_STEP_SUMMARY: GitHub, Gitea 1.27+) they go there as Markdown too; on GitHub each
# error also becomes an annotation on its line. $REPORT_DIR (default report/) keeps the files for
# the workflow to upload as an artifact. Exits 1 when the plan has errors, after reporting.
set -uo pipefail

plan=${1:?usage: scripts/ci_report.sh PLAN [OLD]}
old=${2:-}
out=${REPORT_DIR:-report}
python=${PYTHON:-.venv/bin/python}
mkdir -p "$out"

status=0
"$python" scripts/build_data.py check "$plan" > "$out/check.txt" 2>&1 || status=1
cat "$out/check.txt"
if [ "$status" != 0 ] && [ "${GITHUB_SERVER_URL:-}" = "https://github.com" ]; then
    sed -nE 's/^([^:]+):([0-9]+):([0-9]+): 错误: (.*)$/::error file=\1,line=\2,col=\3::\4/p' "$out/check.txt"
fi

if [ -n "$old" ] && [ "$status" = 0 ]; then  # a plan with errors has nothing to compare yet
    "$python" scripts/build_data.py diff --markdown "$old" "$plan" > "$out/plan-diff.md"
    echo
    "$python" scripts/build_data.py diff "$old" "$plan" | tee "$out/plan-diff.txt"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    {
        if [ "$status" != 0 ]; then
            printf '## 方案数据有错误，站点未生成\n\n```text\n'
            cat "$out/check.txt"
            printf '```\n\n'
        fi
        [ -f "$out/plan-diff.md" ] && cat "$out/plan-diff.md"
    } >> "$GITHUB_STEP_SUMMARY"
fi
exit "$status"
