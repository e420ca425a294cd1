#!/bin/bash
set -eu
[ -f /etc/app/runtime.env ] && . /etc/app/runtime.env
source "${CONDA_ROOT_PREFIX}/etc/profile.d/conda.sh"
conda activate "${CONDA_ENV_NAME}"
cd "$APP_WORKDIR" && python -m ingest.migrate
