"""Quick exit: one tap (or three presses of Esc) leaves Hearthside, signed out, with nothing
left for "back" to show."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse


def test_quick_exit_signs_out_and_goes_to_a_neutral_page(people: Any, settings: Any) -> None:
    client = people.client("alex")
    assert client.get(reverse("home")).status_code == 200

    response = client.get(reverse("quick_exit"))

    assert response.status_code == 302
    assert response["Location"] == settings.HEARTHSIDE_QUICK_EXIT_URL
    # The browser drops its cached copies of our pages, and "back" has to ask again...
    assert response["Clear-Site-Data"] == '"cache"'
    assert response["Cache-Control"] == "no-store"
    # ...and asking again finds no session: the welcome page, not Alex's Today.
    home = client.get(reverse("home"))
    assert "Hello, Alex" not in home.content.decode()
    assert client.get(reverse("journal")).status_code == 302


def test_signed_in_pages_are_never_stored_so_back_cannot_show_them(people: Any) -> None:
    client = people.client("alex")
    for name in ("home", "journal", "settings", "safety"):
        assert "no-store" in client.get(reverse(name))["Cache-Control"], name


def test_quick_exit_works_for_anyone_and_is_on_every_page(client: Client, people: Any) -> None:
    page = client.get(reverse("safety")).content.decode()
    assert f'href="{reverse("quick_exit")}"' in page
    assert "data-quick-exit" in page
    response = client.get(reverse("quick_exit"))
    assert response.status_code == 302


def test_the_destination_is_configurable(people: Any, settings: Any) -> None:
    settings.HEARTHSIDE_QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"
    response = people.client("sam").get(reverse("quick_exit"))
    assert response["Location"] == "https://www.bbc.co.uk/weather"


def test_the_safety_page_points_to_help(client: Client) -> None:
    page = client.get(reverse("safety")).content.decode()
    assert "emergency number" in page
    assert "0808 2000 247" in page
    assert "domestic abuse helpline" in page
