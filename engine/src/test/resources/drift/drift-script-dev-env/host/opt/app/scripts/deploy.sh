#!/usr/bin/env bash
# copied from the dev box in 2023
set -euo pipefail
source /opt/conda/etc/profile.d/conda.sh
conda activate app-dev
cd /srv/ingest
python -m pip install -r requirements.txt
mamba run -p /opt/conda/envs/app-dev python -m ingest.smoke
