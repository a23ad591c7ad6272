"""Single sign-on with the municipality's OpenID Connect provider (Authlib), when configured.

Authorization code flow with PKCE; Authlib checks the state, the ID token's signature (the
provider's published keys), issuer, audience, expiry and nonce. The handshake's state lives in
a short signed cookie (``SameSite=Lax``: it must come back on the provider's redirect). SSO only
tells who someone is; what they may do is their desk login's role, found by e-mail address.
"""

from __future__ import annotations

import logging

import httpx
from authlib.integrations.starlette_client import OAuth, OAuthError
from joserfc.errors import JoseError
from starlette.requests import Request
from starlette.responses import Response

from bot.config import Oidc
from bot.desk.auth import normalise_email

log = logging.getLogger(__name__)

HANDSHAKE_SECONDS = 600  # the provider's login must be done within this


class SingleSignOn:
    def __init__(self, cfg: Oidc):
        self.cfg = cfg
        oauth = OAuth()
        oauth.register(
            "municipality",
            client_id=cfg.client_id,
            client_secret=cfg.client_secret.get_secret_value() or None,
            server_metadata_url=f"{cfg.issuer}/.well-known/openid-configuration",
            client_kwargs={"scope": cfg.scope, "code_challenge_method": "S256"},
        )
        self.client = oauth.create_client("municipality")

    async def redirect(self, request: Request, redirect_uri: str) -> Response:
        """To the provider's login page (None is never returned: errors raise)."""
        return await self.client.authorize_redirect(request, redirect_uri)

    async def email(self, request: Request) -> str | None:
        """The verified e-mail address the provider vouches for, or None."""
        try:
            token = await self.client.authorize_access_token(request)
        except (OAuthError, JoseError, httpx.HTTPError, ValueError, KeyError) as exc:
            log.warning("desk SSO: refused (%s)", type(exc).__name__)
            return None
        claims = token.get("userinfo")
        if not claims:  # no ID token: nothing was proved
            log.warning("desk SSO: the provider sent no ID token")
            return None
        if claims.get("email_verified") is False:
            log.warning("desk SSO: the e-mail address is not verified by the provider")
            return None
        email = claims.get(self.cfg.email_claim)
        return normalise_email(email) if isinstance(email, str) else None
