"""A small OpenID Connect provider on loopback for the single sign-on tests: discovery, an
authorize endpoint that logs the configured person in at once, a token endpoint that checks the
client's secret and the PKCE verifier, and its signing keys. ``tamper`` makes it misbehave."""

from __future__ import annotations

import base64
import hashlib
import secrets
import socket
import time
from urllib.parse import urlencode

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from bot.desk.server import EmbeddedServer

CLIENT_ID, CLIENT_SECRET = "boligbot-desk", "s3cret-of-the-client"


class FakeProvider:
    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "real"})
        self.email, self.verified = "kari@kommune.no", True
        self.tamper: str | None = None  # "nonce", "audience", "signature", "no-id-token"
        self.codes: dict[str, dict] = {}
        self.url = ""
        self.app = Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self.discovery),
                Route("/authorize", self.authorize),
                Route("/token", self.token, methods=["POST"]),
                Route("/jwks", self.jwks),
            ]
        )

    async def start(self) -> None:
        import asyncio

        import uvicorn

        sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        config = uvicorn.Config(self.app, lifespan="off", log_config=None, access_log=False)
        self.server = EmbeddedServer(config)
        self.task = asyncio.get_running_loop().create_task(self.server.serve(sockets=[sock]))

    async def stop(self) -> None:
        self.server.should_exit = True
        await self.task

    async def discovery(self, request: Request) -> JSONResponse:
        return JSONResponse(
            {
                "issuer": self.url,
                "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token",
                "jwks_uri": f"{self.url}/jwks",
                "response_types_supported": ["code"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            }
        )

    async def authorize(self, request: Request) -> RedirectResponse:
        q = request.query_params
        assert q["client_id"] == CLIENT_ID and q["response_type"] == "code"
        assert q["code_challenge_method"] == "S256" and "openid" in q["scope"].split()
        code = secrets.token_urlsafe(16)
        self.codes[code] = dict(q)
        return RedirectResponse(
            f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}"
        )

    async def token(self, request: Request) -> JSONResponse:
        form = await request.form()
        basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        asked = self.codes.pop(str(form.get("code")), None)
        verifier = str(form.get("code_verifier", ""))
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if (
            request.headers.get("authorization") != f"Basic {basic}"
            or asked is None
            or challenge != asked["code_challenge"]
            or form.get("redirect_uri") != asked["redirect_uri"]
        ):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        now = int(time.time())
        claims = {
            "iss": self.url,
            "sub": "user-1",
            "aud": "someone-else" if self.tamper == "audience" else CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": "not-yours" if self.tamper == "nonce" else asked["nonce"],
            "email": self.email,
            "email_verified": self.verified,
        }
        key = self.key
        if self.tamper == "signature":  # signed by a key the provider does not publish
            key = RSAKey.generate_key(2048, parameters={"kid": "real"})
        body = {"access_token": "at", "token_type": "Bearer", "expires_in": 300}
        if self.tamper != "no-id-token":
            body["id_token"] = jwt.encode({"alg": "RS256", "kid": "real"}, claims, key)
        return JSONResponse(body)

    async def jwks(self, request: Request) -> JSONResponse:
        return JSONResponse(KeySet([self.key]).as_dict(private=False))
