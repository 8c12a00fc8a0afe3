from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Hearthside with gunicorn, a production-grade WSGI server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", str(min(4, (os.cpu_count() or 1) + 1)))),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "hearthside.wsgi:application",
            "--bind",
            f"{options['host']}:{options['port']}",
            "--workers",
            str(options["workers"]),
            "--threads",
            "4",
            "--timeout",
            "30",
            "--graceful-timeout",
            "20",
            # Access logs carry paths only (ids, no query strings), never bodies.
            "--access-logformat",
            '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms',
            "--access-logfile",
            "-",
        ]
        self.stdout.write(f"Serving Hearthside on http://{options['host']}:{options['port']}")
        self.stdout.flush()
        # Replace this process so signals (Ctrl-C, SIGTERM) reach gunicorn directly.
        os.execv(sys.executable, argv)  # noqa: S606 (no shell: argv is a list we built)
