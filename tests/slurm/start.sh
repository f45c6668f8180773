#!/usr/bin/env bash
# A single-node SLURM cluster living in one folder, for tests/test_slurm.py and for
# trying the slurm launcher by hand:
#
#   eval "$(tests/slurm/start.sh /tmp/slurm)"   # sets SLURM_CONF; then sinfo, squeue, ...
#   patronage -m hydra/launcher=slurm hydra.sweeper.max_batch_size=0 region=small ...
#   tests/slurm/stop.sh /tmp/slurm
#
# munged, MariaDB, slurmdbd, slurmctld and slurmd run as background processes of this
# user, on free ports and on sockets inside the folder; nothing under /etc or /run is
# used and no system service is started. slurmdbd (with its MariaDB) is part of it
# because submitit learns that a job was cancelled or killed from sacct: without
# accounting it would wait for such a job forever.
# Debian/Ubuntu packages: slurmctld slurmd slurm-client slurmdbd munge
# mariadb-server-core mariadb-client-core.
#
# Prints the `export SLURM_CONF=...` line on success. Exit status 3: a program is
# missing; 1: a daemon did not start (the end of its log is printed).
set -euo pipefail

dir=${1:?usage: start.sh FOLDER}
partition=${PARTITION:-patronage_test}
export PATH="$PATH:/usr/sbin:/sbin"

missing=()
for program in munged munge mariadbd mariadb-install-db slurmdbd slurmctld slurmd sinfo sacct \
    sacctmgr python3; do
    command -v "$program" > /dev/null || missing+=("$program")
done
if ((${#missing[@]})); then
    echo "start.sh: not installed: ${missing[*]} (apt-get install slurmctld slurmd" \
        "slurm-client slurmdbd munge mariadb-server-core mariadb-client-core)" >&2
    exit 3
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
mkdir -p "$dir/munge" "$dir/db" "$dir/state" "$dir/spool" "$dir/log"
chmod 755 "$dir/munge"  # munged refuses a socket folder others may write to
user=$(id -un)
host=$(hostname -s)

fail() {  # message, log file
    echo "start.sh: $1" >&2
    if [ -f "${2:-}" ]; then tail -n 15 "$2" >&2; fi
    exit 1
}

wait_for() {  # seconds, then a command that succeeds once the daemon is ready
    local deadline=$((SECONDS + $1))
    shift
    until "$@" > /dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

# -- munge: the credentials every SLURM message carries
socket=$dir/munge/munge.sock
if [ ! -f "$dir/munge/munge.key" ]; then
    mungekey --create --keyfile="$dir/munge/munge.key" 2> /dev/null ||
        dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
fi
chmod 400 "$dir/munge/munge.key"
# --force: munged refuses a socket in a private folder (pytest's temporary folders are)
munged --force --socket="$socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" \
    --seed-file="$dir/munge/munged.seed" ||
    fail "munged did not start" "$dir/log/munged.log"
wait_for 20 munge -n -S "$socket" || fail "munged does not answer" "$dir/log/munged.log"

# -- MariaDB for slurmdbd: socket only, no network, no password (the folder is private)
if [ ! -d "$dir/db/data/mysql" ]; then
    mariadb-install-db --no-defaults --user="$user" --datadir="$dir/db/data" \
        --auth-root-authentication-method=normal --skip-test-db > "$dir/log/mariadb-install.log" 2>&1 ||
        fail "mariadb-install-db failed" "$dir/log/mariadb-install.log"
fi
setsid mariadbd --no-defaults --user="$user" --datadir="$dir/db/data" \
    --socket="$dir/db/mysqld.sock" --skip-networking --pid-file="$dir/db/mysqld.pid" \
    --log-error="$dir/log/mariadb.log" --innodb-buffer-pool-size=64M \
    < /dev/null > /dev/null 2>&1 &
wait_for 60 test -S "$dir/db/mysqld.sock" || fail "MariaDB did not start" "$dir/log/mariadb.log"

# -- three free TCP ports: slurmctld, slurmd, slurmdbd
read -r ctld_port slurmd_port dbd_port < <(python3 -c '
import socket
sockets = [socket.socket() for _ in range(3)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in sockets))')

# the node as slurmd sees this machine (CPUs, sockets, cores, memory)
node=$(slurmd -C 2> /dev/null | head -n 1 | grep '^NodeName=' || true)
if [ -z "$node" ]; then
    node="NodeName=$host CPUs=$(nproc) RealMemory=$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024))"
fi
node_name=$(sed 's/^NodeName=\([^ ]*\).*/\1/' <<< "$node")

cat > "$dir/slurm.conf" << EOF
ClusterName=patronage
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
# containers often have no cgroups (and no systemd): track a job's processes through
# /proc and leave CPU binding alone
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=$dbd_port
# for slurmdbd this is the munge socket to use
AccountingStoragePass=$socket
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=$partition Nodes=$node_name Default=YES MaxTime=INFINITE State=UP
EOF

# slurmdbd reads slurmdbd.conf beside SLURM_CONF, and wants it private
cat > "$dir/slurmdbd.conf" << EOF
AuthType=auth/munge
AuthInfo=socket=$socket
DbdHost=localhost
DbdAddr=127.0.0.1
DbdPort=$dbd_port
SlurmUser=$user
PidFile=$dir/slurmdbd.pid
LogFile=$dir/log/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=root
StorageLoc=slurm_acct_db
EOF
chmod 600 "$dir/slurmdbd.conf"

export SLURM_CONF=$dir/slurm.conf
# the MariaDB client library finds the database's socket through MYSQL_UNIX_PORT
MYSQL_UNIX_PORT=$dir/db/mysqld.sock slurmdbd || fail "slurmdbd did not start" "$dir/log/slurmdbd.log"
wait_for 60 sacctmgr --noheader list cluster ||
    fail "slurmdbd does not answer" "$dir/log/slurmdbd.log"
slurmctld || fail "slurmctld did not start" "$dir/log/slurmctld.log"
slurmd || fail "slurmd did not start" "$dir/log/slurmd.log"

node_idle() { [ "$(sinfo --noheader --nodes="$node_name" --format=%T)" = idle ]; }
wait_for 60 node_idle || fail "the node is not idle: $(sinfo 2>&1 | tail -n 1)" "$dir/log/slurmd.log"

echo "export SLURM_CONF=$dir/slurm.conf"
