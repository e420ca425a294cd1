#!/bin/bash
. /etc/app/runtime.env
source /opt/conda/etc/profile.d/conda.sh
conda activate ingest
python -m ingest.migrate
