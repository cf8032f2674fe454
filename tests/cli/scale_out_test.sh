#!/usr/bin/env bash
# docs/scale-out.md's recipes, run for real: a throwaway sshd on 127.0.0.1
# with its own keys in a temp dir stands for two worker hosts; GNU parallel
# splits a JSONL corpus over them; the result is byte-identical to one local
# run. The sshd is stopped by its pid.
source "$(dirname "$0")/lib.sh"
for tool in parallel ssh ssh-keygen; do
  command -v "$tool" > /dev/null || { echo "skipped: $tool is not installed (scripts/setup installs it)"; exit 77; }
done
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$SSHD" ] || { echo "skipped: sshd is not installed (scripts/setup installs openssh-server)"; exit 77; }
C="$TOOLS/zh-clean"

# A corpus of JSONL documents from the samples.
python3 - "$SRC"/samples/*/input.txt > "$WORK/corpus.jsonl" <<'PY'
import json, sys
for copy in range(40):
    for path in sys.argv[1:]:
        for n, line in enumerate(open(path, encoding="utf-8")):
            print(json.dumps({"copy": copy, "id": n, "text": line.rstrip("\n")}, ensure_ascii=False))
PY
"$C" --format jsonl -j 1 "$WORK/corpus.jsonl" > "$WORK/local.jsonl"
expect_eq "local run rc" "$?" 0

# The throwaway sshd: its own host key, client key and config, loopback only.
ssh-keygen -q -t ed25519 -N '' -f "$WORK/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/client_key"
cp "$WORK/client_key.pub" "$WORK/authorized_keys"
chmod 600 "$WORK/authorized_keys"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$WORK/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $WORK/host_key
AuthorizedKeysFile $WORK/authorized_keys
PidFile $WORK/sshd.pid
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
CONF
mkdir -p /run/sshd 2>/dev/null
"$SSHD" -f "$WORK/sshd_config" -E "$WORK/sshd.log"
for i in $(seq 1 50); do [ -s "$WORK/sshd.pid" ] && break; sleep 0.1; done
if [ ! -s "$WORK/sshd.pid" ]; then
  echo "skipped: could not start a test sshd: $(tail -3 "$WORK/sshd.log")"
  exit 77
fi
trap 'kill "$(cat "$WORK/sshd.pid" 2>/dev/null)" 2>/dev/null; chmod -R u+w "$WORK"; rm -rf "$WORK"' EXIT
# Two "hosts", host1 and host2: the same sshd reached by two names.
cat > "$WORK/ssh_config" <<CONF
Host host1
  HostName 127.0.0.1
Host host2
  HostName localhost
Host *
  Port $port
  IdentityFile $WORK/client_key
  StrictHostKeyChecking no
  UserKnownHostsFile /dev/null
  LogLevel ERROR
  BatchMode yes
CONF
export PARALLEL_SSH="ssh -F $WORK/ssh_config"
expect_eq "ssh works" "$($PARALLEL_SSH host2 echo ok)" "ok"
hosts="1/host1,1/host2"
remote="env ZHCLEAN_RULES_DIR=$ZHCLEAN_RULES_DIR $C --format jsonl -j 1"

# Recipe 1: split one big file into blocks, keep the order (-k).
parallel --pipepart -a "$WORK/corpus.jsonl" --block 200k -k --sshlogin "$hosts" \
  --joblog "$WORK/joblog1" "$remote" > "$WORK/pipepart.jsonl"
expect_eq "pipepart rc" "$?" 0
expect_same_file "pipepart over two hosts = local" "$WORK/pipepart.jsonl" "$WORK/local.jsonl"
expect_eq "both hosts used" "$(awk -F'\t' 'NR>1 {print $2}' "$WORK/joblog1" | sort -u | wc -l)" 2

# Recipe 2: file shards, transferred, cleaned remotely, returned (--trc).
mkdir "$WORK/shards" "$WORK/out"
split -n l/4 -d --additional-suffix=.jsonl "$WORK/corpus.jsonl" "$WORK/shards/part-"
(cd "$WORK/shards" && parallel --sshlogin "$hosts" --trc {.}.clean.jsonl --cleanup \
  --joblog "$WORK/joblog2" "$remote {} -o {.}.clean.jsonl" ::: part-*.jsonl)
expect_eq "trc rc" "$?" 0
cat "$WORK"/shards/part-*.clean.jsonl > "$WORK/shards.jsonl"
expect_same_file "file shards over two hosts = local" "$WORK/shards.jsonl" "$WORK/local.jsonl"

# Retries: a failed job is rerun by --resume-failed with the same joblog
# (shared storage here: the hosts see the same paths).
S="$WORK/shards"
parallel --sshlogin "$hosts" --joblog "$WORK/joblog3" \
  "$remote $S/{} -o $S/{.}.retry.jsonl" ::: part-00.jsonl missing.jsonl 2> /dev/null
expect_eq "one job failed" "$(awk -F'\t' 'NR>1 && $7 != 0' "$WORK/joblog3" | wc -l)" 1
cp "$S/part-01.jsonl" "$S/missing.jsonl"
parallel --resume-failed --sshlogin "$hosts" --joblog "$WORK/joblog3" \
  "$remote $S/{} -o $S/{.}.retry.jsonl" ::: part-00.jsonl missing.jsonl
expect_eq "resume-failed rc" "$?" 0
expect_same_file "retried shard" "$WORK/shards/missing.retry.jsonl" "$WORK/shards/part-01.clean.jsonl"

kill "$(cat "$WORK/sshd.pid")"
finish
