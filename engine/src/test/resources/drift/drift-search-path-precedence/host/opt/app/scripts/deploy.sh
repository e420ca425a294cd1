#!/usr/bin/env bash
# Deploy a new ingest release: install locked deps, migrate, restart.
set -euo pipefail
source /etc/app/runtime.env
source "$CONDA_ROOT_PREFIX/etc/profile.d/conda.sh"
conda activate "$CONDA_ENV_NAME"
cd "$APP_WORKDIR"
python -m pip install --no-deps -r requirements.lock
"$APP_PYTHON" -m ingest.migrate
systemctl restart ingest-api.service
