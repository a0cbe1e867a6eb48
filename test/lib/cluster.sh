# Throwaway PostgreSQL 15 clusters for TAP programs that need a server configured
# differently from the suite's (a preloaded library) or a streaming standby made with
# pg_basebackup. Sourced; every cluster is stopped and removed when the program exits.
# As root the servers run as the postgres user (initdb refuses root). Connections go over
# a Unix socket in the work directory, trusted, as the user postgres.
#
#   cluster_start NAME [postgresql.conf lines...]   a new primary
#   cluster_standby PRIMARY NAME                     a streaming standby of PRIMARY
#   cluster_psql NAME [psql args...]                 psql -X -At on NAME's database $CLUSTER_DB
#                                                    (default postgres)
#   cluster_wait_replay PRIMARY NAME                 until NAME has replayed PRIMARY's WAL
#   session_open NAME CLUSTER / session_run NAME SQL / session_close NAME
#                                                    a psql session that stays open between
#                                                    steps (its backend's caches with it)

cluster_bin=$(pg_config --bindir)
cluster_work=$(mktemp -d /tmp/fitness-cluster.XXXXXX)
chmod 755 "$cluster_work"
declare -A cluster_port=()
cluster_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres "$cluster_work"
cluster_cleanup() {
  for name in "${!cluster_port[@]}"; do
    cluster_as_owner "$cluster_bin/pg_ctl" -D "$cluster_work/$name" -m immediate -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$cluster_work"
}
trap cluster_cleanup EXIT

cluster_free_port() {
  local port
  for port in $(seq 55400 55499); do
    if ! (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && [ ! -e "$cluster_work/.s.PGSQL.$port" ] &&
       [ ! -e "/var/run/postgresql/.s.PGSQL.$port" ] && [ ! -e "/tmp/.s.PGSQL.$port" ]; then
      case " ${cluster_port[*]} " in *" $port "*) continue ;; esac
      echo "$port"; return 0
    fi
  done
  return 1
}

cluster_configure() {  # NAME PORT [lines...]
  local name=$1 port=$2; shift 2
  {
    echo "port = $port"
    echo "listen_addresses = ''"
    echo "unix_socket_directories = '$cluster_work'"
    echo "fsync = off"
    for line in "$@"; do echo "$line"; done
  } | cluster_as_owner tee -a "$cluster_work/$name/postgresql.conf" >/dev/null
}

cluster_start() {
  local name=$1; shift
  local port; port=$(cluster_free_port)
  cluster_as_owner "$cluster_bin/initdb" -D "$cluster_work/$name" -A trust -U postgres >/dev/null
  cluster_configure "$name" "$port" "wal_level = replica" "max_wal_senders = 4" "$@"
  cluster_port[$name]=$port
  cluster_as_owner "$cluster_bin/pg_ctl" -D "$cluster_work/$name" -l "$cluster_work/$name.log" -w start >/dev/null
}

cluster_standby() {
  local primary=$1 name=$2
  local port; port=$(cluster_free_port)
  cluster_as_owner "$cluster_bin/pg_basebackup" -h "$cluster_work" -p "${cluster_port[$primary]}" -U postgres \
    -D "$cluster_work/$name" -R -X stream -c fast >/dev/null  # fast: no wait for a spread checkpoint
  cluster_configure "$name" "$port" "hot_standby = on"
  cluster_port[$name]=$port
  cluster_as_owner "$cluster_bin/pg_ctl" -D "$cluster_work/$name" -l "$cluster_work/$name.log" -w start >/dev/null
}

cluster_psql() {
  local name=$1; shift
  psql -X -q -At -v ON_ERROR_STOP=1 -h "$cluster_work" -p "${cluster_port[$name]}" -U postgres -d "${CLUSTER_DB:-postgres}" "$@"
}

cluster_wait_replay() {
  local primary=$1 name=$2 lsn i
  lsn=$(cluster_psql "$primary" -c "SELECT pg_current_wal_lsn()")
  for i in $(seq 1 300); do
    [ "$(cluster_psql "$name" -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn")" = t ] && return 0
    sleep 0.1
  done
  echo "# $name did not replay up to $lsn" >&2
  return 1
}

# Sessions that stay open (a backend keeps its caches between steps): psql reading a FIFO;
# each step ends with \echo MARK and the caller waits for it, so the order between sessions
# is fixed, not timed.
declare -A session_fd=()
session_open() {  # NAME CLUSTER
  mkfifo "$cluster_work/$1.in"
  cluster_psql "$2" <"$cluster_work/$1.in" >>"$cluster_work/$1.out" 2>&1 &  # appends: see session_run
  exec {fd}>"$cluster_work/$1.in"
  session_fd[$1]=$fd
}
session_run() {  # NAME SQL: runs SQL, prints its last output line
  local mark="done-$RANDOM$RANDOM" i
  printf '%s;\n\\echo %s\n' "$2" "$mark" >&"${session_fd[$1]}"  # ';': a statement, then the mark
  for i in $(seq 1 600); do
    if grep -q "^$mark\$" "$cluster_work/$1.out"; then
      { grep -v "^$mark\$" "$cluster_work/$1.out" || true; } | tail -1
      : >"$cluster_work/$1.out"
      return 0
    fi
    sleep 0.05
  done
  echo "session $1 did not answer" >&2; cat "$cluster_work/$1.out" >&2; return 1
}
session_close() { eval "exec ${session_fd[$1]}>&-"; }
