#!/usr/bin/env bash
# Deploy: install locked deps, migrate, restart.
set -euo pipefail
source /etc/app/runtime.env
source /opt/conda/etc/profile.d/conda.sh
conda activate ingest
cd /srv/ingest
python -m pip install --no-deps -r requirements.lock
systemctl restart ingest-api.service
