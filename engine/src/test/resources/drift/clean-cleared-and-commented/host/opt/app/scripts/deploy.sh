#!/usr/bin/env bash
set -euo pipefail
source /etc/app/runtime.env
# conda activate app-dev
#source /opt/miniconda-old/etc/profile.d/conda.sh
source /opt/conda/etc/profile.d/conda.sh   # was /opt/miniconda-old until 2024
conda activate ingest
echo "previous env was /opt/conda/envs/ingest-2023/bin/python3.10"
python - <<'PY'
import sys  # /opt/conda/envs/ingest-2023/bin/python3.10 is gone
print(sys.version)
PY
python -m ingest.migrate
