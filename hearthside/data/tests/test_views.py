"""Settings → Your data, page by page: who may open what (a matrix over every persona), what
each person's files hold (their own words only), the import from choosing a file to the
preview to bringing it in, and deleting an account."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hearthside.accounts.models import Person
from hearthside.data import sources
from hearthside.data.models import PendingImport
from hearthside.data.tests.conftest import FIXTURES, ROBIN_WORDS, SAM_WORDS, World
from hearthside.practice.models import CheckIn

pytestmark = pytest.mark.django_db

PEOPLE = ("alex", "sam", "robin", "olive")
PERSONAS = (*PEOPLE, "anonymous")
ALEX_PRIVATE = "Alex private note: I can't sleep"


@dataclass(frozen=True)
class Page:
    method: str
    path: str
    # status for the owner of `{pending}` (alex) and for everyone else signed in
    owner: int
    others: int


PAGES = [
    Page("get", "/settings/data/", 200, 200),
    Page("get", "/settings/data/export.json", 200, 200),
    Page("get", "/settings/data/export.zip", 200, 200),
    Page("get", "/settings/data/delete/", 200, 200),
    Page("post", "/settings/data/import/{pending}/cancel/", 302, 404),
    Page("post", "/settings/data/import/{pending}/", 200, 404),
    Page("post", "/settings/data/import/999999/", 404, 404),
]


def _pending(people: Any) -> PendingImport:
    raw = (FIXTURES / "jrnl.json").read_bytes()
    return PendingImport.objects.create(person=people.alex, source="jrnl", content=raw)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.method}-{p.path}")
def test_each_page_answers_only_its_owner(world: World, persona: str, page: Page) -> None:
    pending = _pending(world.people)
    client = world.people.client(persona)
    path = page.path.format(pending=pending.pk)

    response = getattr(client, page.method)(path)

    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        assert PendingImport.objects.filter(pk=pending.pk).exists()
        return
    expected = page.owner if persona == "alex" else page.others
    assert response.status_code == expected
    if expected == 404:
        assert PendingImport.objects.filter(pk=pending.pk).exists()
        assert CheckIn.objects.filter(author=world.people.alex).count() == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/settings/data/"),
        ("post", "/settings/data/export.json"),
        ("post", "/settings/data/export.zip"),
        ("get", "/settings/data/import/"),
        ("get", "/settings/data/import/1/"),
        ("get", "/settings/data/import/1/cancel/"),
        ("put", "/settings/data/delete/"),
    ],
)
def test_the_wrong_method_is_refused(people: Any, method: str, path: str) -> None:
    assert getattr(people.client("alex"), method)(path).status_code == 405


# --- What each person's files hold ------------------------------------------------------------


def _words(person: str) -> tuple[str, ...]:
    return {"sam": SAM_WORDS, "robin": ROBIN_WORDS}.get(person, ())


@pytest.mark.parametrize("persona", PEOPLE)
def test_each_persons_export_holds_only_their_own_words(world: World, persona: str) -> None:
    client = world.people.client(persona)
    response = client.get("/settings/data/export.json")
    body = response.content.decode()
    archive = zipfile.ZipFile(io.BytesIO(client.get("/settings/data/export.zip").content))
    markdown = "".join(archive.read(name).decode() for name in archive.namelist())

    assert response["Content-Disposition"].startswith('attachment; filename="hearthside-export-')
    assert "no-store" in response["Cache-Control"]
    document = json.loads(body)
    assert document["person"]["email"] == f"{persona}@example.com"
    others = [p for p in PEOPLE if p != persona]
    for text in [ALEX_PRIVATE, "Alex shares: work is heavy", "Alex held words: the promotion"]:
        assert (text in body) == (persona == "alex")
        assert (text in markdown) == (persona == "alex")
    for other in others:
        assert f"{other}@example.com" not in body
        for text in _words(other):
            assert text not in body, (persona, text)
            assert text not in markdown, (persona, text)


def test_alexs_export_never_holds_secrets(world: World) -> None:
    from hearthside.api.models import PersonalToken

    body = world.people.client("alex").get("/settings/data/export.json").content.decode()

    token = PersonalToken.objects.get(person=world.people.alex)
    assert token.token_hash not in body
    assert token.prefix not in body
    assert "f" * 64 not in body  # the calendar feed's hash
    assert "password" not in body.lower()
    assert "argon2" not in body
    # The person's own channel address is theirs to take, and the page says so.
    assert "ntfys://alex-topic" in body


def test_alexs_export_names_the_other_members_only_by_name(world: World) -> None:
    document = world.people.client("alex").get("/settings/data/export.json").json()
    assert {c["name"]: c["members"] for c in document["circles"]} == {
        "Alex & Sam": ["Sam"],
        "Climbing friends": ["Robin"],
    }


def test_the_page_says_what_is_in_the_files(world: World) -> None:
    page = world.people.client("alex").get("/settings/data/").content.decode()
    assert "Check-ins: 1" in page
    assert "Shares: 2" in page
    assert "notification channels, which can hold passwords" in page


def test_settings_links_to_the_data_page(people: Any) -> None:
    page = people.client("alex").get("/settings/").content.decode()
    assert 'href="/settings/data/"' in page


# --- Bringing a file in -----------------------------------------------------------------------


def _upload(client: Client, source: str, name: str, content: bytes, **extra: Any) -> Any:
    data = {"source": source, "file": SimpleUploadedFile(name, content), **extra}
    return client.post("/settings/data/import/", data)


def test_a_jrnl_file_is_previewed_then_brought_in(people: Any) -> None:
    client = people.client("alex")

    preview = _upload(client, "jrnl", "journal.json", (FIXTURES / "jrnl.json").read_bytes())

    page = preview.content.decode()
    assert preview.status_code == 200
    assert "4 check-ins from 2 January 2024 to 30 March 2024" in page
    assert "entry 4 has no date" in page
    assert CheckIn.objects.count() == 0
    pending = PendingImport.objects.get(person=people.alex)
    assert f'action="/settings/data/import/{pending.pk}/"' in page

    done = client.post(f"/settings/data/import/{pending.pk}/")

    assert done.status_code == 200
    assert "4 check-ins from 2 January 2024 to 30 March 2024" in done.content.decode()
    assert CheckIn.objects.filter(author=people.alex, circle=None).count() == 4
    assert not PendingImport.objects.exists()
    again = _upload(client, "jrnl", "journal.json", (FIXTURES / "jrnl.json").read_bytes())
    assert "Nothing new to bring in." in again.content.decode()


def test_cancelling_forgets_the_file(people: Any) -> None:
    client = people.client("alex")
    _upload(client, "daylio", "daylio.csv", (FIXTURES / "daylio.csv").read_bytes())
    pending = PendingImport.objects.get()

    response = client.post(f"/settings/data/import/{pending.pk}/cancel/")

    assert response.status_code == 302
    assert not PendingImport.objects.exists()
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize(
    ("source", "content", "message"),
    [
        ("hearthside", b"", "That file is empty. Choose the file your export made."),
        ("daylio", (FIXTURES / "jrnl.json").read_bytes(), "not Daylio&#x27;s CSV"),
        ("hearthside", (FIXTURES / "daylio.csv").read_bytes(), "choose Daylio above"),
        ("jrnl", "entries: ü".encode("latin-1"), "isn&#x27;t saved as UTF-8 text"),
        ("daylio", b"when,how\n", "full_date,date,weekday,time,mood"),
    ],
)
def test_a_file_that_cant_be_read_says_why_and_keeps_the_chosen_kind(
    people: Any, source: str, content: bytes, message: str
) -> None:
    response = _upload(people.client("alex"), source, "upload", content)

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    checked = re.search(r'<input type="radio" name="source" value="(\w+)"[^>]*checked', page)
    assert checked is not None
    assert checked.group(1) == source
    assert not PendingImport.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    people: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_UPLOAD", 100)
    response = _upload(people.client("alex"), "jrnl", "big.json", b"{" + b" " * 200 + b"}")
    assert response.status_code == 400
    assert "the most we take at once is 100\xa0bytes" in response.content.decode()


def test_no_file_chosen_says_so(people: Any) -> None:
    response = people.client("alex").post("/settings/data/import/", {"source": "jrnl"})
    assert response.status_code == 400
    assert "Choose a file to bring in." in response.content.decode()


def test_a_file_left_waiting_over_an_hour_must_be_chosen_again(people: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    pending = _pending(people)
    PendingImport.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(minutes=61)
    )

    response = people.client("alex").post(f"/settings/data/import/{pending.pk}/")

    assert response.status_code == 400
    assert "waited more than an hour" in response.content.decode()
    assert CheckIn.objects.count() == 0


def test_alexs_export_brought_in_by_olive_shows_olive_the_circles_it_makes(world: World) -> None:
    raw = world.people.client("alex").get("/settings/data/export.json").content
    olive = world.people.client("olive")

    page = _upload(olive, "hearthside", "alex.json", raw).content.decode()

    assert "made new, with only you in it" in page
    assert "Not brought in: Listening replies (2)" in page


# --- Deleting an account ----------------------------------------------------------------------


def test_deleting_needs_the_password(world: World) -> None:
    client = world.people.client("alex")
    response = client.post(
        "/settings/data/delete/", {"password": "not it", "confirm": "delete my account"}
    )
    assert response.status_code == 400
    assert "That isn&#x27;t your password. Nothing has been deleted" in response.content.decode()
    assert Person.objects.filter(pk=world.people.alex.pk).exists()


def test_deleting_needs_the_phrase(world: World) -> None:
    from conftest import PASSWORD

    response = world.people.client("alex").post(
        "/settings/data/delete/", {"password": PASSWORD, "confirm": "delete it"}
    )
    assert response.status_code == 400
    assert "Type exactly “delete my account”" in response.content.decode()
    assert Person.objects.filter(pk=world.people.alex.pk).exists()


def test_ten_wrong_passwords_a_minute_is_the_limit(world: World) -> None:
    from conftest import PASSWORD

    client = world.people.client("alex")
    for _ in range(10):
        client.post("/settings/data/delete/", {"password": "x", "confirm": "delete my account"})
    response = client.post(
        "/settings/data/delete/", {"password": PASSWORD, "confirm": "delete my account"}
    )
    assert "Too many tries" in response.content.decode()
    assert Person.objects.filter(pk=world.people.alex.pk).exists()


def test_deleting_shows_what_was_removed_once_and_signs_out(world: World) -> None:
    from conftest import PASSWORD

    client = world.people.client("alex")
    response = client.post(
        "/settings/data/delete/", {"password": PASSWORD, "confirm": " Delete my account "}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Take care, Alex." in page
    assert re.search(r"<th scope=\"row\">Check-ins</th><td>1</td>", page)
    assert re.search(r"<th scope=\"row\">Your account</th><td>1</td>", page)
    assert not Person.objects.filter(email="alex@example.com").exists()
    # Signed out: the next page asks who you are, and the audit is nowhere to be found.
    again = client.get("/settings/data/")
    assert again.status_code == 302
    assert again["Location"].startswith("/accounts/login/")


def test_the_delete_page_names_the_circles_that_will_go(world: World) -> None:
    from hearthside.circles.actions import create_circle

    create_circle(world.people.alex, "Just me", "other")
    page = world.people.client("alex").get("/settings/data/delete/").content.decode()
    assert "<strong>Just me</strong>" in page
    assert "Alex &amp; Sam</strong>" not in page
