#!/bin/bash
source ~/miniforge3/etc/profile.d/conda.sh
conda activate ingest
exec python -m ingest.api --port 8080
