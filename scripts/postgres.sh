#!/usr/bin/env bash
# A real PostgreSQL server for the store tests, from Debian's packages: installs it when it is
# missing, makes sure a cluster runs on localhost:5432, creates the test database, and prints its
# DATABASE_URL as the last line. Used by .ci/run; run it by hand to test against PostgreSQL locally.
set -euo pipefail
DB=${DUIXIAN_TEST_DB:-duixian_test}
PASSWORD=${DUIXIAN_TEST_PASSWORD:-duixian}

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "$version/main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h localhost && break; sleep 1; done
pg_isready -h localhost >/dev/null
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD '$PASSWORD'\"" >/dev/null
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '$DB'\"" | grep -q 1 || su postgres -c "createdb $DB"
echo "postgres://postgres:$PASSWORD@localhost:5432/$DB"
