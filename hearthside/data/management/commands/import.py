"""`hearthside import FILE [--source hearthside|jrnl|daylio] [--email EMAIL] [--dry-run]`:
bring a file into one account, all of it or nothing, as Settings → Your data does.

A Hearthside export names its person: without --email it goes into the account with that
address, which is made if this server doesn't have it yet (with no usable password: they set
one with "Forgot your password?"). That is how a whole account moves to a new server. jrnl and
Daylio files need --email of an existing account.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from hearthside.accounts.models import Person
from hearthside.data import importer, sources


class Command(BaseCommand):
    help = "Bring a Hearthside, jrnl or Daylio export into an account (all of it, or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--source", choices=sources.SOURCES, default="hearthside")
        parser.add_argument("--email", help="The account to bring it into.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say what would be brought in."
        )
        parser.add_argument(
            "--no-settings",
            action="store_true",
            help="Leave the account's name, time zone and quiet hours as they are.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"]).expanduser()
        try:
            size = path.stat().st_size
            sources.check_size(size)
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Can't read {path}: {exc.strerror}.") from exc
        except sources.ImportProblem as exc:
            raise CommandError(str(exc)) from exc
        dry_run = bool(options["dry_run"])
        try:
            with transaction.atomic():
                person, made = self._person(options, raw)
                document = sources.read(options["source"], raw, time_zone=person.time_zone)
                report = importer.run(
                    person,
                    document,
                    apply_settings=not options["no_settings"],
                    commit=not dry_run,
                )
                if dry_run:
                    transaction.set_rollback(True)
        except (sources.ImportProblem, importer.ImportFailed) as exc:
            raise CommandError(str(exc)) from exc
        self._say(report, made=made, dry_run=dry_run)

    def _person(self, options: dict[str, Any], raw: bytes) -> tuple[Person, bool]:
        email = (options.get("email") or "").strip().lower()
        if not email and options["source"] == "hearthside":
            document = sources.read("hearthside", raw, time_zone="UTC")
            email = str((document.person or {}).get("email") or "").strip().lower()
        if not email:
            raise CommandError("Say whose account it goes into: --email EMAIL.")
        person = Person.objects.filter(email__iexact=email).first()
        if person is not None:
            return person, False
        if options["source"] != "hearthside":
            raise CommandError("No account has that email address.")
        document = sources.read("hearthside", raw, time_zone="UTC")
        return importer.make_person(email, document), True

    def _say(self, report: importer.Report, *, made: bool, dry_run: bool) -> None:
        # Counts and reasons only: never the words themselves, nor an address.
        lines = []
        if made:
            lines.append("Made a new account (no password yet: use “Forgot your password?”).")
        verb = "Would bring in" if dry_run else "Brought in"
        lines.append(f"{verb} {report.new} items ({report.already} already here).")
        for kind in report.kinds:
            if kind.new or kind.already:
                lines.append(f"  {kind.kind.key}: {kind.new} new, {kind.already} already here")
            for reason, count in kind.left_out.items():
                lines.append(f"  {kind.kind.key}: {count} left out ({reason})")
        for problem in report.problems:
            lines.append(f"  could not read: {problem}")
        self.stdout.write("\n".join(lines))
