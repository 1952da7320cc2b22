"""FranceConnect+ (OpenID Connect, authorization code flow): the one adapter that talks to the identity provider.

Authlib's OAuth 2 client builds the authorization request and exchanges the code (client_secret_post); joserfc
(Authlib's JOSE library) decrypts the ID token and the userinfo, which FranceConnect+ signs (ES256) and then
encrypts (RSA-OAEP + A256GCM) to the keys this app publishes at its JWKS URL: decrypted first, the inner signed
token is then verified against the provider's keys (cached, fetched again for an unknown key id) and its claims
checked (iss, aud, exp, iat, nonce, acr eidas2 or eidas3), with no clock tolerance."""

from __future__ import annotations

import json
import secrets
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx
from authlib.integrations.httpx_client import OAuth2Client
from joserfc import jwe, jws, jwt
from joserfc.errors import JoseError
from joserfc.jwe import JWERegistry
from joserfc.jwk import KeySet, RSAKey
from joserfc.registry import HeaderParameter

from ..settings import Settings

SCOPES = "openid given_name family_name preferred_username birthdate gender birthplace birthcountry email"
LEVELS = ("eidas2", "eidas3")  # what a login may come back with
ENCRYPTION = ["RSA-OAEP", "A256GCM"]
# The provider repeats the token's issuer and audience in the encryption header (RFC 7516 §4.1.11 allows it).
JWE_HEADERS = JWERegistry(algorithms=ENCRYPTION, header_registry={
    "iss": HeaderParameter("Issuer", "str"), "aud": HeaderParameter("Audience", "str")})
SIGNATURE = ["ES256"]
TIMEOUT = 10.0
_CACHE_SECONDS = 3600


class FranceConnectError(Exception):
    """A login or logout that cannot go on; `reason` picks the sentence the person reads (content)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


@dataclass(frozen=True)
class Identity:
    sub: str
    given_name: str
    family_name: str
    preferred_username: str
    birthdate: str  # AAAA-MM-JJ
    gender: str
    birthplace: str  # code INSEE de la commune (vide à l'étranger)
    birthcountry: str  # code INSEE du pays (99100 : France)
    email: str
    acr: str
    id_token: str  # the signed (decrypted) ID token: the id_token_hint of the logout

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "id_token"}


def random_value() -> str:
    """A state or nonce: 43 characters (FranceConnect+ asks for at least 32; Authlib's defaults are shorter)."""
    return secrets.token_urlsafe(32)


def generate_keys() -> str:
    """A private JWK set with one RSA key for decryption (development and demonstration runs)."""
    key = RSAKey.generate_key(2048, parameters={"kid": str(uuid.uuid4()), "use": "enc", "alg": "RSA-OAEP"})
    return json.dumps(KeySet([key]).as_dict(private=True))


class Provider:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._metadata: tuple[float, dict] | None = None
        self._jwks: tuple[float, KeySet] | None = None
        self.keys = KeySet.import_key_set(json.loads(settings.fc_keys))

    def public_jwks(self) -> dict:
        return self.keys.as_dict(private=False)

    def _get(self, url: str, **kwargs) -> httpx.Response:
        try:
            response = httpx.get(url, timeout=TIMEOUT, **kwargs)
        except httpx.HTTPError as error:
            raise FranceConnectError("indisponible", str(error)) from error
        if response.status_code >= 500:
            raise FranceConnectError("indisponible", f"{url}: {response.status_code}")
        return response

    def metadata(self) -> dict:
        if self._metadata is None or self._metadata[0] < time.monotonic():
            response = self._get(f"{self.settings.fc_issuer}/.well-known/openid-configuration")
            if response.status_code != 200:
                raise FranceConnectError("indisponible", f"discovery: {response.status_code}")
            data = response.json()
            if data.get("issuer") != self.settings.fc_issuer:
                raise FranceConnectError("erreur", "issuer of the discovery document")
            self._metadata = (time.monotonic() + _CACHE_SECONDS, data)
        return self._metadata[1]

    def _provider_keys(self, kid: str) -> KeySet:
        """The provider's signing keys, fetched again when a token names a key id not seen yet."""
        if self._jwks is None or self._jwks[0] < time.monotonic() or kid not in {
                key.kid for key in self._jwks[1].keys}:
            response = self._get(self.metadata()["jwks_uri"])
            self._jwks = (time.monotonic() + _CACHE_SECONDS, KeySet.import_key_set(response.json()))
        return self._jwks[1]

    def _client(self) -> OAuth2Client:
        return OAuth2Client(client_id=self.settings.fc_client_id, client_secret=self.settings.fc_client_secret,
                            token_endpoint_auth_method="client_secret_post", scope=SCOPES,
                            redirect_uri=self.settings.fc_redirect_uri, timeout=TIMEOUT,
                            # The access token lives 60 s and is used at once: Authlib's 60 s of leeway would
                            # hold it for expired before its first use.
                            leeway=5)

    def authorization_url(self, *, state: str, nonce: str) -> str:
        with self._client() as client:
            url, _ = client.create_authorization_url(
                self.metadata()["authorization_endpoint"], state=state, nonce=nonce,
                acr_values=self.settings.fc_acr, prompt="login")
        return url

    def _open(self, value: str) -> tuple[jwt.Token, str]:
        """Decrypt (our key), then verify the inner signature (the provider's key): the claims and the signed
        token itself."""
        try:
            inner = jwe.decrypt_compact(value, self.keys, registry=JWE_HEADERS).plaintext.decode()
            kid = jws.extract_compact(inner.encode()).headers().get("kid", "")
            return jwt.decode(inner, self._provider_keys(kid), algorithms=SIGNATURE), inner
        except (JoseError, ValueError, UnicodeDecodeError) as error:
            raise FranceConnectError("erreur", f"jeton illisible : {error}") from error

    def finish(self, *, code: str, nonce: str) -> Identity:
        """The callback's work: exchange the code at once, check the ID token, read the userinfo."""
        metadata = self.metadata()
        with self._client() as client:
            try:
                token = client.fetch_token(metadata["token_endpoint"], code=code, grant_type="authorization_code")
            except httpx.HTTPError as error:
                raise FranceConnectError("indisponible", str(error)) from error
            except Exception as error:  # an OAuth error answer: invalid_grant (a code replayed or expired)...
                raise FranceConnectError("code", str(error)) from error
            id_token, signed = self._open(token.get("id_token", ""))
            claims = id_token.claims
            registry = jwt.JWTClaimsRegistry(
                leeway=0,
                iss={"essential": True, "value": self.settings.fc_issuer},
                aud={"essential": True, "value": self.settings.fc_client_id},
                exp={"essential": True}, iat={"essential": True},
                nonce={"essential": True, "value": nonce}, sub={"essential": True})
            try:
                registry.validate(claims)
            except JoseError as error:
                raise FranceConnectError("erreur", f"ID token: {error}") from error
            if claims.get("acr") not in LEVELS[LEVELS.index(self.settings.fc_acr) if self.settings.fc_acr in LEVELS
                                                else 0:]:  # at least the level asked for
                raise FranceConnectError("niveau", f"acr {claims.get('acr')!r}")
            try:
                answer = client.get(metadata["userinfo_endpoint"])
            except httpx.HTTPError as error:
                raise FranceConnectError("indisponible", str(error)) from error
            except Exception as error:  # the access token refused by the client library itself
                raise FranceConnectError("erreur", f"userinfo: {error}") from error
        if answer.status_code != 200:
            raise FranceConnectError("erreur", f"userinfo: {answer.status_code}")
        userinfo = self._open(answer.text.strip())[0].claims
        check_userinfo(userinfo, issuer=self.settings.fc_issuer, client_id=self.settings.fc_client_id,
                       sub=claims["sub"])
        text = lambda name: str(userinfo.get(name) or "")  # noqa: E731
        return Identity(sub=claims["sub"], given_name=text("given_name"), family_name=text("family_name"),
                        preferred_username=text("preferred_username"), birthdate=text("birthdate"),
                        gender=text("gender"), birthplace=text("birthplace"), birthcountry=text("birthcountry"),
                        email=text("email"), acr=claims["acr"], id_token=signed)

    def logout_url(self, *, id_token: str, state: str) -> str:
        query = urlencode({"id_token_hint": id_token, "state": state,
                           "post_logout_redirect_uri": self.settings.fc_post_logout_uri})
        return f"{self.metadata()['end_session_endpoint']}?{query}"


_provider: Provider | None = None


def check_userinfo(userinfo: dict, *, issuer: str, client_id: str, sub: str) -> None:
    """The userinfo JWT (its signature already checked) comes from the provider, for this client, about the
    person of the ID token."""
    try:
        jwt.JWTClaimsRegistry(iss={"essential": True, "value": issuer}, aud={"essential": True, "value": client_id},
                              sub={"essential": True, "value": sub}).validate(userinfo)
    except JoseError as error:
        raise FranceConnectError("erreur", f"userinfo: {error}") from error


def provider(settings: Settings) -> Provider:
    """One provider per process (its metadata and keys cached)."""
    global _provider
    if _provider is None or _provider.settings is not settings:
        _provider = Provider(settings)
    return _provider
