#!/bin/sh
# Starts the PostGraphile peer on 127.0.0.1:5050 (foreground; its pid is written to peer.pid).
# Environment: PEER_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ipbench_100000),
# PEER_PORT (5050), PEER_HOST (127.0.0.1), PEER_POOL_SIZE (20). Needs Node 22+ on PATH.
cd "$(dirname "$0")" || exit 1
export NODE_ENV=production
# Under Node 20 every connection field fails ("Cannot read properties of undefined (reading 'items')").
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)' || { echo "Node 22+ needed, found $(node -v)" >&2; exit 1; }
echo $$ > peer.pid
exec node server.mjs
