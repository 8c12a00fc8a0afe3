from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hearthside.accounts.models import Person
from hearthside.api.models import PersonalToken


class Command(BaseCommand):
    help = "Manage personal API tokens. `token create EMAIL` prints a new token once."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create a token and print it.")
        create.add_argument("email")
        create.add_argument("--name", default="command line")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        person = Person.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise CommandError("No active account has that email address.")
        _record, token = PersonalToken.issue(person, options["name"])
        # Only the token goes to stdout, so `TOKEN=$(hearthside token create …)` works.
        self.stdout.write(token)
