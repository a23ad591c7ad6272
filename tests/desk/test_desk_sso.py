"""Single sign-on with an OpenID Connect provider (issue 15.2), against a provider on loopback:
it logs in only a person with an enabled desk login, and refuses a token that was tampered with."""

from __future__ import annotations

import httpx
import pytest

from tests.desk.fake_oidc import CLIENT_ID, CLIENT_SECRET, FakeProvider
from tests.desk.support import DeskOnly, add_account, desk_config


@pytest.fixture
async def provider():
    p = FakeProvider()
    await p.start()
    yield p
    await p.stop()


@pytest.fixture
async def sso_desk(provider, tmp_path):
    oidc = {"issuer": provider.url, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    cfg = desk_config(f"sqlite+aiosqlite:///{tmp_path}/bot.db", desk={"oidc": oidc})
    d = await DeskOnly(cfg).start()
    yield d
    await d.stop()


async def _sso(client, desk, provider, target: str = "/statistics") -> httpx.Response:
    """Press "log in with the municipality's account" and follow the browser's redirects."""
    start = await client.get(f"/login/sso?next={target}")
    assert start.status_code == 302 and start.headers["location"].startswith(provider.url)
    at_provider = await client.get(start.headers["location"])  # logs the person in at once
    back = at_provider.headers["location"]
    assert back.startswith(f"{desk.desk.url}/login/sso/callback?")
    return await client.get(back)


async def test_single_sign_on_logs_in_a_person_with_a_desk_login(sso_desk, provider):
    await add_account(sso_desk.store, "kari@kommune.no", "staff")
    login_page = await httpx.AsyncClient(base_url=sso_desk.desk.url).get("/login")
    assert "Logg inn med kommunens konto" in login_page.text
    async with httpx.AsyncClient(base_url=sso_desk.desk.url) as client:
        done = await _sso(client, sso_desk, provider)
        assert done.status_code == 200
        assert '<meta http-equiv="refresh" content="0;url=/statistics">' in done.text
        assert "desk_session" in done.headers["set-cookie"]
        assert (await client.get("/statistics")).status_code == 200


@pytest.mark.parametrize("tamper", ["nonce", "audience", "signature", "no-id-token"])
async def test_a_tampered_answer_from_the_provider_is_refused(sso_desk, provider, tamper):
    await add_account(sso_desk.store, "kari@kommune.no", "admin")
    provider.tamper = tamper
    async with httpx.AsyncClient(base_url=sso_desk.desk.url) as client:
        done = await _sso(client, sso_desk, provider)
        assert done.status_code == 401 and "gikk ikke" in done.text
        assert (await client.get("/")).status_code == 303


async def test_single_sign_on_gives_no_access_without_an_enabled_desk_login(sso_desk, provider):
    provider.email = "stranger@kommune.no"
    async with httpx.AsyncClient(base_url=sso_desk.desk.url) as client:
        done = await _sso(client, sso_desk, provider)
        assert done.status_code == 401 and "Be en administrator legge deg til" in done.text
        assert (await client.get("/")).status_code == 303
    kari = await add_account(sso_desk.store, "kari@kommune.no")
    await sso_desk.store.set_disabled(kari, True)
    provider.email = "kari@kommune.no"
    async with httpx.AsyncClient(base_url=sso_desk.desk.url) as client:
        assert (await _sso(client, sso_desk, provider)).status_code == 401
        provider.verified = False  # an address the provider has not verified proves nothing
        await sso_desk.store.set_disabled(kari, False)
        assert (await _sso(client, sso_desk, provider)).status_code == 401


async def test_the_callback_refuses_a_state_it_did_not_give(sso_desk, provider):
    await add_account(sso_desk.store, "kari@kommune.no")
    async with httpx.AsyncClient(base_url=sso_desk.desk.url) as client:
        forged = await client.get("/login/sso/callback?code=abc&state=forged")
        assert forged.status_code == 401
        assert (await client.get("/")).status_code == 303


async def test_without_configuration_there_is_no_single_sign_on(desk, client):
    assert (await client.get("/login/sso")).status_code == 404
    assert "kommunens konto" not in (await client.get("/login")).text
