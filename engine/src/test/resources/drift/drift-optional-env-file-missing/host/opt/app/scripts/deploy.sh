#!/bin/bash
set -e
cd /srv/ingest
/opt/conda/envs/ingest/bin/python3.11 -m ingest.migrate
