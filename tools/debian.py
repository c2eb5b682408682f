"""Debian's packages for the servers the tests and the load test run (PostgreSQL,
Memcached): installed with apt-get when missing, as root or with password-less sudo."""

import os
import shutil
import subprocess
import sys


def install(package):
    command = ["apt-get", "install", "-y", "-q", package]
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            sys.exit(f"{package} is not installed and this user cannot install it: "
                     f"run `apt-get install {package}` as root.")  # fmt: skip
        command = ["sudo", "-n", *command]
    subprocess.run(command, check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
