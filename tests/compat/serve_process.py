"""Runs `shardscape-cli serve` on a free port for a compatibility test and stops it after.

Used as a context manager: yields the endpoint URL; on exit sends SIGTERM and checks that the
server shut down cleanly (exit status 0, engine closed).
"""

import os
import re
import signal
import subprocess
import tempfile


class ServeProcess:
    def __init__(self, cli, extra_args=()):
        self.cli = cli
        self.extra_args = list(extra_args)

    def __enter__(self):
        self.data = tempfile.TemporaryDirectory(prefix="shardscape-compat-")
        self.process = subprocess.Popen(
            [self.cli, "serve", "--data", self.data.name, "--port", "0", *self.extra_args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        match = re.search(r" on (http://127\.0\.0\.1:\d+) ", line)
        if not match:
            self.process.kill()
            raise RuntimeError("serve did not start: %r %r" % (line, self.process.stderr.read()))
        self.url = match.group(1)
        return self.url

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        out, err = self.process.communicate(timeout=30)
        self.data.cleanup()
        if exc[0] is None:
            assert self.process.returncode == 0, (self.process.returncode, out, err)
            assert out.endswith("Stopped; data directory closed\n"), out
        return False


def client_environment(home):
    """Environment for AWS clients: fake credentials, a fixed region, no user config."""
    env = dict(os.environ)
    for name in list(env):
        if name.startswith("AWS_"):
            del env[name]
    env.update({
        "AWS_ACCESS_KEY_ID": "AKIDSHARDSCAPE",
        "AWS_SECRET_ACCESS_KEY": "shardscape-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.path.join(home, "config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "credentials"),
        "AWS_PAGER": "",
        "HOME": home,
        "TZ": "UTC",
    })
    return env
