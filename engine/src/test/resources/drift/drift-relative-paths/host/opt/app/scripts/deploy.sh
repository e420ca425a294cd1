#!/bin/bash
cd /opt/conda
source envs/ingest/bin/activate
. /etc/app/runtime.env
python -m ingest.migrate
