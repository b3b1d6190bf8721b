#!/bin/sh
# Daily retrain (docs/RETRAIN.md): the last 7 days of the log, warm from .model/current, published
# only when the gate passes; .model/current then points at the new folder. Needs ADMIN_TOKEN and
# RETRAIN_URL (the Worker's origin); RETRAIN_SITE defaults to demo.
set -u
to=$(date -u +%Y-%m-%dT%H:00:00Z)
from=$(date -u -d '7 days ago' +%Y-%m-%dT%H:00:00Z)
out=".model/retrain-$(date -u +%Y%m%d-%H%M)"
active=""
[ -e .model/current ] && active="--active .model/current"
# shellcheck disable=SC2086 # $active is zero or two words
npm run --silent retrain -- --url "$RETRAIN_URL" --site "${RETRAIN_SITE:-demo}" \
  --from "$from" --to "$to" --out "$out" $active
code=$?
case $code in
  0) ln -sfn "$(basename "$out")" .model/current; echo "published $out" ;;
  3) echo "the gate kept the active model ($out/decision.json)" ;;
  *) echo "retrain failed with exit code $code" >&2; exit "$code" ;;
esac
