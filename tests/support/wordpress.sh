#!/usr/bin/env bash
# A throwaway WordPress for the publishing tests, from Debian's packages
# (wordpress, php-cli, php-mysql, php-xml, php-mbstring, php-curl,
# mariadb-server; .ci/run installs them):
#
#   tests/support/wordpress.sh start DIR PORT [WATCH_PID]
#   tests/support/wordpress.sh stop DIR
#
# `start` brings up, all inside DIR (which it creates): a MariaDB on a
# private socket (no network), a copy of /usr/share/wordpress with its own
# wp-config.php, PHP's built-in server on localhost:PORT, a WordPress
# installed through its installer, and an Application Password made through
# the REST API after a cookie login. It prints `url=…`, `user=…`,
# `password=…` and `admin_password=…` lines (the last for tests that sign in
# through wp-login.php, as the approval of an application does). Given WATCH_PID, a watcher stops everything and
# removes DIR once that process has exited (a test binary cannot run code
# at exit). Each server runs in its own process group and is stopped by
# group: `php -S` workers outlive their parent.
set -euo pipefail

cmd=${1:?start or stop}
dir=${2:?folder}

stop() {
  for pidfile in "$dir/run/php.pgid" "$dir/run/db.pgid"; do
    if [ -s "$pidfile" ]; then
      kill -TERM -- "-$(cat "$pidfile")" 2>/dev/null || true
    fi
  done
  # MariaDB flushes and exits on TERM; give it a moment before the folder goes.
  for _ in $(seq 50); do
    [ -S "$dir/run/db.sock" ] || break
    sleep 0.1
  done
}

if [ "$cmd" = stop ]; then
  stop
  exit 0
fi

port=${3:?port}
watch=${4:-}
user=admin
admin_password=copydesk-admin-password
mkdir -p "$dir/run" "$dir/db"
log="$dir/run/setup.log"
: >"$log"

fail() {
  echo "wordpress.sh: $1 (log: $log)" >&2
  grep -ihE '\[error\]|error:|failed' "$log" "$dir/run/db.log" 2>/dev/null | head -n 20 >&2 || true
  tail -n 5 "$log" >&2 || true
  stop
  exit 1
}

# The database: a data folder of its own, reachable only through a socket.
as_user=()
[ "$(id -u)" = 0 ] && as_user=(--user=root)
# Retried: on a loaded machine the bootstrap has been seen to fail once.
for attempt in 1 2 3; do
  if mariadb-install-db --no-defaults --auth-root-authentication-method=socket \
    --datadir="$dir/db" --skip-test-db "${as_user[@]}" >>"$log" 2>&1; then
    break
  fi
  [ "$attempt" = 3 ] && fail "mariadb-install-db failed"
  rm -rf "$dir/db" && mkdir -p "$dir/db"
  sleep 1
done
setsid mariadbd --no-defaults --skip-networking --socket="$dir/run/db.sock" \
  --datadir="$dir/db" --pid-file="$dir/run/db.pid" --log-error="$dir/run/db.log" \
  --skip-log-bin --innodb-buffer-pool-size=16M --innodb-log-file-size=8M \
  --innodb-flush-log-at-trx-commit=0 "${as_user[@]}" </dev/null >>"$log" 2>&1 &
echo $! >"$dir/run/db.pgid"
for _ in $(seq 200); do
  [ -S "$dir/run/db.sock" ] && break
  sleep 0.05
done
[ -S "$dir/run/db.sock" ] || fail "MariaDB did not start"
# Socket authentication: the install made an account for whoever runs this.
mariadb --no-defaults --socket="$dir/run/db.sock" -u "$(id -un)" >>"$log" 2>&1 <<'SQL' ||
CREATE DATABASE wordpress;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY 'wordpress';
GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';
SQL
  fail "could not create the database"

# WordPress: hard links to the packaged files where the file system allows
# (fast, and nothing here rewrites core files), a plain wp-config.php instead
# of Debian's (which reads /etc/wordpress/config-HOST.php).
cp -al /usr/share/wordpress "$dir/wp" 2>/dev/null || cp -a /usr/share/wordpress "$dir/wp"
rm -f "$dir/wp/wp-config.php"
cat >"$dir/wp/wp-config.php" <<PHP
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'wordpress');
define('DB_HOST', 'localhost:$dir/run/db.sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('AUTH_KEY', 'copydesk-test-1');
define('SECURE_AUTH_KEY', 'copydesk-test-2');
define('LOGGED_IN_KEY', 'copydesk-test-3');
define('NONCE_KEY', 'copydesk-test-4');
define('AUTH_SALT', 'copydesk-test-5');
define('SECURE_AUTH_SALT', 'copydesk-test-6');
define('LOGGED_IN_SALT', 'copydesk-test-7');
define('NONCE_SALT', 'copydesk-test-8');
// Application Passwords need HTTPS, or a local environment.
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
\$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
PHP

# Faults for the error tests, chosen by the user name a request signs in with
# (no such accounts exist, so no other request is touched): `fault-rest-off`
# meets a REST API switched off the way security plugins do it,
# `fault-crash` a plugin's fatal error (WordPress's own 500 page).
mkdir -p "$dir/wp/wp-content/mu-plugins"
cat >"$dir/wp/wp-content/mu-plugins/copydesk-test-faults.php" <<'PHP'
<?php
$copydesk_fault = $_SERVER['PHP_AUTH_USER'] ?? '';
if ($copydesk_fault === '' && stripos($_SERVER['HTTP_AUTHORIZATION'] ?? '', 'basic ') === 0) {
  $copydesk_fault = strtok((string) base64_decode(substr($_SERVER['HTTP_AUTHORIZATION'], 6)), ':');
}
if ($copydesk_fault === 'fault-crash') {
  throw new Error('a plugin failed');
}
if ($copydesk_fault === 'fault-rest-off') {
  add_filter('rest_authentication_errors', function () {
    return new WP_Error('rest_disabled', 'The REST API is disabled on this site.', array('status' => 403));
  }, 99);
}
PHP

# Several workers: the installer calls the site back while it runs.
PHP_CLI_SERVER_WORKERS=4 setsid php -d upload_max_filesize=64M -d post_max_size=64M \
  -d memory_limit=256M -S "localhost:$port" -t "$dir/wp" </dev/null >"$dir/run/php.log" 2>&1 &
echo $! >"$dir/run/php.pgid"

if [ -n "$watch" ]; then
  setsid bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; "$2" stop "$3"; rm -rf "$3"' \
    watcher "$watch" "$0" "$dir" </dev/null >/dev/null 2>&1 &
fi

url="http://localhost:$port"
for _ in $(seq 100); do
  curl -s -o /dev/null "$url/wp-login.php" && break
  sleep 0.05
done

curl -sS --fail -o "$dir/run/install.html" "$url/wp-admin/install.php?step=2" \
  --data-urlencode "weblog_title=Copydesk tests" --data-urlencode "user_name=$user" \
  --data-urlencode "admin_password=$admin_password" \
  --data-urlencode "admin_password2=$admin_password" --data-urlencode "pw_weak=1" \
  --data-urlencode "admin_email=admin@example.com" --data-urlencode "blog_public=0" \
  --data-urlencode "language=" >>"$log" 2>&1 || fail "the WordPress installer failed"
grep -q 'Success' "$dir/run/install.html" || fail "the WordPress installer did not succeed"

# A cookie login, the REST nonce, then the Application Password.
jar="$dir/run/cookies"
curl -sS -o /dev/null -c "$jar" -b "wordpress_test_cookie=WP%20Cookie%20check" \
  "$url/wp-login.php" --data-urlencode "log=$user" --data-urlencode "pwd=$admin_password" \
  --data-urlencode "testcookie=1" --data-urlencode "wp-submit=Log In" >>"$log" 2>&1 ||
  fail "the login failed"
nonce=$(curl -sS --fail -b "$jar" "$url/wp-admin/admin-ajax.php?action=rest-nonce" 2>>"$log") ||
  fail "no REST nonce"
password=$(curl -sS --fail -b "$jar" -H "X-WP-Nonce: $nonce" \
  "$url/?rest_route=/wp/v2/users/me/application-passwords" --data-urlencode "name=copydesk-tests" 2>>"$log" |
  php -r 'echo json_decode(stream_get_contents(STDIN))->password ?? "";') ||
  fail "could not create an Application Password"
[ -n "$password" ] || fail "no Application Password in the answer"

echo "url=$url"
echo "user=$user"
echo "password=$password"
echo "admin_password=$admin_password"
