#!/usr/bin/env bash
# Deploy: migrate the schema, then restart the API.
set -euo pipefail
source /etc/app/runtime.env
cd /srv/ingest
/opt/conda/envs/ingest/bin/python3.11 -m ingest.migrate --database "$DATABASE_URL"
systemctl restart ingest-api.service
