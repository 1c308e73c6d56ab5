"""A separate installation for the tests whose workers are real processes: its own data
directory and database (an SQLite file, or a new PostgreSQL database beside the test one),
its commands run as `python -m nhiemvu …` from this checkout."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[3]
LEASE_SECONDS = 2


class Deployment:
    def __init__(self, folder: Path, *, smtp_port: int, postgres_url: str | None):
        self.folder = folder
        self.postgres_url = postgres_url
        self.database = None
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "HUEY_NAME"}}
        env.update(
            NHIEMVU_DATA_DIR=str(folder),
            DJANGO_SETTINGS_MODULE="nhiemvu.settings",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            DEFAULT_FROM_EMAIL="nhiemvu@kontum.gov.vn",
            REMINDER_CLAIM_LEASE_SECONDS=str(LEASE_SECONDS),
            HUEY_NAME=f"nhiemvu-test-{uuid.uuid4().hex[:12]}",
        )
        if postgres_url:
            self.database = f"nhiemvu_reminders_processes_{os.getpid()}"
            with psycopg.connect(_server_url(postgres_url), autocommit=True) as server:
                server.execute(f'DROP DATABASE IF EXISTS "{self.database}"')
                server.execute(f'CREATE DATABASE "{self.database}"')
            env["DATABASE_URL"] = postgres_url.rsplit("/", 1)[0] + f"/{self.database}"
        self.env = env

    def with_redis(self, url: str) -> "Deployment":
        self.env["REDIS_URL"] = url
        return self

    def command(self, *args: str, timeout: int = 600) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "nhiemvu", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(f"nhiemvu {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def python(self, code: str) -> str:
        """Run `code` in the installation; what it printed."""
        return self.command("shell", "--no-imports", "-c", code)

    def start(self, *args: str, log: str) -> subprocess.Popen:
        output = (self.folder / log).open("w")
        return subprocess.Popen(
            [sys.executable, "-m", "nhiemvu", *args],
            cwd=ROOT,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed alone
        )

    def log(self, name: str) -> str:
        return (self.folder / name).read_text()

    def drop(self) -> None:
        if self.database:
            with psycopg.connect(_server_url(self.postgres_url), autocommit=True) as server:
                server.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def kill(process: subprocess.Popen) -> None:
    """SIGKILL: no handler runs, no transaction is finished, nothing is cleaned up."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        kill(process)


def wait_for(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _server_url(url: str) -> str:
    return url.rsplit("/", 1)[0] + "/postgres"
