#!/bin/sh
# One sharded build on Kubernetes: the shards (shards.yaml), then, once every shard has
# succeeded, the merge and the publish (merge.yaml). Jobs cannot be changed once made, so
# each run deletes the previous run's. Run from this folder, with kubectl pointed at the
# cluster and namespace (secret.yaml and storage.yaml applied once before).
set -eu

# wait_for JOB: returns when the job has completed; fails when it has failed.
wait_for() {
  while :; do
    state=$(kubectl get job "$1" -o jsonpath='{.status.conditions[?(@.status=="True")].type}')
    case "$state" in
      *Complete*) return 0 ;;
      *Failed*) echo "run.sh: job $1 failed; see kubectl logs job/$1" >&2; return 1 ;;
    esac
    sleep 10
  done
}

kubectl delete job allot-shards allot-merge --ignore-not-found
kubectl apply -f shards.yaml
wait_for allot-shards
kubectl apply -f merge.yaml
wait_for allot-merge
kubectl logs job/allot-merge
