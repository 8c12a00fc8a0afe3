import pytest
from pathlib import Path
from tests.browser.test_accessibility import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("fast_password_hashing")]


def test_axe_catches(new_context, axe_check):
    page = new_context().new_page()
    page.set_content('<html><body><img src="x.png"><input><button></button></body></html>')
    axe_check(page, label="scratch")


@pytest.mark.parametrize("page_name", list(PAGES))
def test_with_css(page_name, new_context, sign_in, axe_check, people, entries):
    from hearthside.practice import actions

    persona, path = PAGES[page_name]
    ctx = new_context(persona or "anon")
    if persona:
        sign_in(ctx, getattr(people, persona))
    page = ctx.new_page()
    page.goto(
        path.format(
            checkin=entries.alex_private_checkin.pk,
            share=entries.alex_share_partners.pk,
            circle=people.partners.pk,
        )
    )
    page.add_style_tag(path="hearthside/static/hearthside/hearthside.css")
    page.screenshot(path=f"/tmp/css-{page_name}.png", full_page=True)
    axe_check(page, label=page_name + " WITH CSS")
