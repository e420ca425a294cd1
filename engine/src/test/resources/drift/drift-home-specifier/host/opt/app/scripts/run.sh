#!/bin/bash
# run by ingest-api.service as User=app, so ~ is /home/app
source "$HOME/miniforge3/etc/profile.d/conda.sh"
conda activate ingest
exec ~/miniforge3/envs/ingest/bin/python3.11 -m ingest.api --port 8080
