#!/bin/bash
set -e
. /etc/app/runtime.env
eval "$(/opt/miniconda-old/bin/conda shell.bash hook)"
conda run -p /opt/conda/envs/ingest-dev python -m ingest.check
export PATH=/opt/conda/envs/ingest-dev/bin:$PATH
/opt/conda/envs/tools/bin/gunicorn --check-config ingest.wsgi:app
conda run -n ingest python3.10 -m ingest.smoke
source /opt/conda/bin/activate ingest
export PATH=/opt/conda/bin:$PATH
conda run --no-capture-output -n ingest python -m ingest.ok
