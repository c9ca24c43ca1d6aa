#!/usr/bin/env python3
"""Serve a built site with nginx and deploy/nginx.conf, as the intranet will, on 127.0.0.1.

    .venv/bin/python scripts/local_nginx.py [SITE]     # preview site/ (Ctrl-C stops it)

Only the machine-specific lines of the shipped config (listen, root, pid, logs, mime.types) are
pointed at a temporary directory; everything else is served exactly as deployed. Used by the
browser tests (tests/browser) and scripts/lighthouse.py.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # /usr/sbin is not on every PATH


def render(site: Path, prefix: Path, port: int) -> str:
    """deploy/nginx.conf with its machine-specific lines pointed at *prefix* and *port*."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    swaps = {
        r"^\s*listen\s+80;": f"    listen 127.0.0.1:{port};",
        r"^\s*root\s+/srv/plan-site;": f"    root {site};",
        r"^pid\s+\S+;": f"pid {prefix}/nginx.pid;",
        r"^error_log\s+\S+;": f"error_log {prefix}/error.log;",
        r"^\s*access_log\s+\S+;": f"    access_log {prefix}/access.log;",
        r"^\s*include\s+mime\.types;": "    include /etc/nginx/mime.types;",
    }
    for pattern, replacement in swaps.items():
        text, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
        if count != 1:
            raise ValueError(f"deploy/nginx.conf 中找不到 {pattern}：无法在本机改写它")
    if os.geteuid() == 0:  # workers would drop to nobody, who may not read a private tmp dir
        text = "user root;\n" + text
    return text


def command(prefix: Path, conf: Path, *extra: str) -> list[str]:
    return [NGINX, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log"), *extra]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(port: int, process: subprocess.Popen) -> bool:
    for _ in range(100):
        if process.poll() is not None:
            return False
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return True
        except OSError:
            time.sleep(0.05)
    return False


@contextlib.contextmanager
def serve(site: Path, prefix: Path | None = None):
    """Yield the base URL of *site* served by nginx; stop nginx afterwards."""
    if not os.access(NGINX, os.X_OK):
        raise FileNotFoundError("找不到 nginx：请运行 make test（它会安装 Debian 软件包 nginx）")
    with contextlib.ExitStack() as stack:
        if prefix is None:
            prefix = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="plan-nginx-")))
        conf = prefix / "nginx.conf"
        for _ in range(5):  # another process may take the port between probing and binding it
            port = _free_port()
            conf.write_text(render(Path(site).resolve(), prefix, port), encoding="utf-8")
            process = subprocess.Popen(command(prefix, conf, "-g", "daemon off;"),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if _answers(port, process):
                break
            process.kill()
            process.wait()
        else:
            log = prefix / "error.log"
            raise RuntimeError("nginx 无法启动：\n" + (log.read_text(errors="replace")[-2000:] if log.exists() else ""))
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            process.wait(timeout=10)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _interrupt)  # stop nginx on kill as on Ctrl-C
    site = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site")
    with serve(site) as url:
        print(f"{site} → {url}（按 Ctrl-C 停止）", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)
