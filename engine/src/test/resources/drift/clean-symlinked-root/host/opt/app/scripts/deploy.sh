#!/usr/bin/env bash
set -euo pipefail
. /etc/app/runtime.env
source /opt/miniconda3/etc/profile.d/conda.sh
conda activate /opt/conda/envs/ingest/
python -m ingest.migrate
