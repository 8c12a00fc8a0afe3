"""`hearthside export EMAIL [--format json|markdown] [--output PATH]`: everything one person
wrote, as the JSON export or the Markdown .zip (the same files as Settings → Your data)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearthside.accounts.models import Person
from hearthside.data import export, markdown


class Command(BaseCommand):
    help = (
        "Export everything one person wrote (JSON, or a .zip of Markdown with --format markdown)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--format", choices=["json", "markdown"], default="json")
        parser.add_argument(
            "--output", help="Where to write it (default: the terminal, for JSON only)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        person = Person.objects.filter(email__iexact=email).first()
        if person is None:
            raise CommandError("No account has that email address.")
        document = export.build(person)
        if options["format"] == "json":
            content = export.to_json(document)
        else:
            content = markdown.archive(document)
        output = options["output"]
        if not output:
            if options["format"] == "markdown":
                raise CommandError("A .zip can't go to the terminal: give --output PATH.")
            self.stdout.write(content.decode("utf-8"), ending="")
            return
        write_atomically(Path(output), content)
        # Counts only: never the person's words, nor their address, in a terminal log.
        total = sum(len(items) for items in document["entries"].values())
        self.stderr.write(f"Wrote {len(content)} bytes ({total} items) to {output}")


def write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside `path` and move it into place, so a crash never leaves
    half an export where a whole one was expected. Readable by the owner only."""
    path = path.expanduser()
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
