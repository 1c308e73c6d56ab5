"""The data directory and its database files, readable by the service's account only.

It holds the SQLite database, the secret key, uploads and huey's queue: personal data and
secrets, so the directory is 0700 and its files 0600 (issue 12, finding 13) whatever the
umask of the process that first creates them. Uploads get the same modes through
FILE_UPLOAD_PERMISSIONS and FILE_UPLOAD_DIRECTORY_PERMISSIONS.
"""

import os
from pathlib import Path

DIRECTORY_MODE = 0o700
FILE_MODE = 0o600


def make_private(data_dir: Path, *files: Path) -> None:
    """Creates `data_dir` and `files` (empty) when missing, and narrows the modes of those
    this account owns; SQLite gives its -wal and -shm files the database file's mode."""
    data_dir.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    _narrow(data_dir, DIRECTORY_MODE)
    for path in files:
        if str(path) in {"", ":memory:"} or str(path).startswith("file:"):
            continue
        path.parent.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
        for existing in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            if existing.exists():
                _narrow(existing, FILE_MODE)


def _narrow(path: Path, mode: int) -> None:
    """chmod only what this account owns: a shared folder given as data dir is left as is."""
    if path.stat().st_uid == os.getuid() and (path.stat().st_mode & 0o777) != mode:
        path.chmod(mode)
