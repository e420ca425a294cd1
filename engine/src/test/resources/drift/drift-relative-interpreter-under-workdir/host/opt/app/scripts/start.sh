#!/bin/bash
# started by ingest-api.service from its WorkingDirectory=/srv/ingest
set -e
./env/bin/python3.11 -m ingest.check
exec ./.venv/bin/python -m ingest.api --port 8080
