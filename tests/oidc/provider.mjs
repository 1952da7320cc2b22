// The OpenID Connect provider caf_app logs in against in the tests and in the demo: panva's oidc-provider
// (package.json pins it, package-lock.json locks it), configured the way FranceConnect+ behaves:
// issuer under /api/v2, ES256 signatures, ID token and userinfo encrypted (RSA-OAEP + A256GCM) to the keys the
// client publishes at its JWKS URL, userinfo as a JWT, acr eidas1/eidas2/eidas3, a code that lives 30 s and an
// access token 60 s, no PKCE, state and nonce of at least 32 characters, a login at each authorization
// request, two identities (Jonas DUCHAIS, who has an account, and Camille NOUVEAU, who has none). Settings come from the environment (see the README of caf_app).
//
//   OIDC_PORT=9400 APP_URL=http://localhost:3000 CLIENT_ID=... CLIENT_SECRET=... node provider.mjs

import http from "node:http";
import crypto from "node:crypto";

import * as jose from "jose";
import Provider from "oidc-provider";

const PORT = Number(process.env.OIDC_PORT || 9400);
const HOST = process.env.OIDC_HOST || "127.0.0.1";
const ISSUER = process.env.OIDC_ISSUER || `http://${HOST}:${PORT}/api/v2`;
const APP_URL = (process.env.APP_URL || "http://localhost:3000").replace(/\/$/, "");
const PREFIX = new URL(ISSUER).pathname.replace(/\/$/, ""); // "/api/v2"
const MIN_RANDOM = 32;

// Jonas has an account in the demo data (he links it at his first FranceConnect+ login); Camille has none (her
// first login leads to Créer Mon Compte, pre-filled).
const IDENTITIES = {
  jonas: {
    sub: process.env.IDENTITY_SUB || "b6048e95bb134ec5b1d1e1fa69f287172e91722b9354d637a1bcf2ebb0fd2ef5v1",
    given_name: "Jonas", family_name: "DUCHAIS", preferred_username: "DUCHAIS", birthdate: "1985-03-12",
    gender: "male", birthplace: "75112", birthcountry: "99100", email: "jonas.duchais@example.fr",
  },
  camille: {
    sub: "4d3c0f1e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1dv1",
    given_name: "Camille Anne", family_name: "NOUVEAU", preferred_username: "", birthdate: "1994-06-21",
    gender: "female", birthplace: "69123", birthcountry: "99100", email: "camille.nouveau@example.fr",
  },
};
const BY_SUB = Object.fromEntries(Object.values(IDENTITIES).map((identity) => [identity.sub, identity]));

const signing = await jose.generateKeyPair("ES256", { extractable: true });
const signingJwk = { ...(await jose.exportJWK(signing.privateKey)), alg: "ES256", use: "sig", kid: crypto.randomUUID() };

const configuration = {
  clients: [{
    client_id: process.env.CLIENT_ID || "caf-app-demo",
    client_secret: process.env.CLIENT_SECRET || "caf-app-demo-secret-0123456789abcdef",
    redirect_uris: [process.env.REDIRECT_URI || `${APP_URL}/api/franceconnect/retour`],
    post_logout_redirect_uris: [process.env.POST_LOGOUT_URI || `${APP_URL}/api/franceconnect/deconnexion`],
    response_types: ["code"],
    grant_types: ["authorization_code"],
    token_endpoint_auth_method: "client_secret_post",
    id_token_signed_response_alg: "ES256",
    id_token_encrypted_response_alg: "RSA-OAEP",
    id_token_encrypted_response_enc: "A256GCM",
    userinfo_signed_response_alg: "ES256",
    userinfo_encrypted_response_alg: "RSA-OAEP",
    userinfo_encrypted_response_enc: "A256GCM",
    jwks_uri: process.env.APP_JWKS_URI || `${APP_URL}/api/franceconnect/jwks`,
  }],
  jwks: { keys: [signingJwk] },
  features: {
    devInteractions: { enabled: false },
    encryption: { enabled: true },
    jwtUserinfo: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // No confirmation page: the logout goes through at once, as FranceConnect+ does.
      logoutSource: async (ctx, form) => {
        ctx.body = `<!doctype html><html lang="fr"><body>${form}
          <script>document.forms[0].insertAdjacentHTML("beforeend", '<input type="hidden" name="logout" value="yes">');
          document.forms[0].submit();</script></body></html>`;
      },
    },
  },
  acrValues: ["eidas1", "eidas2", "eidas3"],
  claims: {
    openid: ["sub"],
    given_name: ["given_name"], family_name: ["family_name"], preferred_username: ["preferred_username"],
    birthdate: ["birthdate"], gender: ["gender"], birthplace: ["birthplace"], birthcountry: ["birthcountry"],
    email: ["email"],
  },
  scopes: ["openid", "given_name", "family_name", "preferred_username", "birthdate", "gender", "birthplace",
           "birthcountry", "email"],
  enabledJWA: {
    idTokenSigningAlgValues: ["ES256"],
    userinfoSigningAlgValues: ["ES256"],
    idTokenEncryptionAlgValues: ["RSA-OAEP"],
    idTokenEncryptionEncValues: ["A256GCM"],
    userinfoEncryptionAlgValues: ["RSA-OAEP"],
    userinfoEncryptionEncValues: ["A256GCM"],
  },
  ttl: { AuthorizationCode: 30, AccessToken: 60, IdToken: 60, Interaction: 600, Session: 3600, Grant: 3600 },
  pkce: { required: () => false },
  clockTolerance: 0,
  conformIdTokenClaims: false,
  cookies: { keys: [crypto.randomBytes(32).toString("hex")] },
  interactions: { url: (ctx, interaction) => `${PREFIX}/interaction/${interaction.uid}` },
  findAccount: async (ctx, sub) => (BY_SUB[sub] ? { accountId: sub, claims: async () => BY_SUB[sub] } : undefined),
  // Every scope asked is granted at once (the consent of FranceConnect+ is part of its login screens).
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(configuration.scopes.join(" "));
    await grant.save();
    return grant;
  },
  renderError: async (ctx, out) => {
    ctx.type = "html";
    ctx.body = `<!doctype html><html lang="fr"><title>Erreur</title><h1>Erreur du fournisseur d'identité</h1>
      <p id="erreur">${escape(out.error)} : ${escape(out.error_description || "")}</p></html>`;
  },
};

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

const provider = new Provider(ISSUER, configuration);
provider.proxy = true;
// What went wrong, in the provider's log (the tests print it when they fail).
for (const event of ["server_error", "authorization.error", "grant.error", "userinfo.error", "end_session.error",
                     "jwks.error", "backchannel.error"]) {
  provider.on(event, (ctx, error) => console.error(`${event}: ${error?.message} ${error?.error_description || ""}`));
}

function page(title, body) {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title>
    <meta name="viewport" content="width=device-width, initial-scale=1"></head>
    <body><main><h1>${title}</h1>${body}</main></body></html>`;
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
}

// The login screen of the test identity: "Se connecter" (with the level of the answer, eidas2 unless a test
// asks otherwise) or "Annuler" (the person gives up: access_denied back to the service).
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction");
  if (action === "login" && req.method === "POST") {
    const form = await readForm(req);
    const acr = ["eidas1", "eidas2", "eidas3"].includes(form.acr) ? form.acr : "eidas2";
    const identity = IDENTITIES[form.identite] || IDENTITIES.jonas;
    return provider.interactionFinished(req, res, { login: { accountId: identity.sub, acr, amr: ["pwd", "mfa"] } },
                                        { mergeWithLastSubmission: false });
  }
  if (action === "abort" && req.method === "POST") {
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: "L'usager a annulé." },
                                        { mergeWithLastSubmission: false });
  }
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.end(page("Fournisseur d'identité de test", `
    <form method="post" action="${PREFIX}/interaction/${uid}/login">
      <label for="identite">Identité de test</label>
      <select id="identite" name="identite">
        <option value="jonas">Jonas DUCHAIS, né le 12/03/1985 à Paris 12e</option>
        <option value="camille">Camille NOUVEAU, née le 21/06/1994 à Lyon</option>
      </select>
      <label for="acr">Niveau de garantie</label>
      <select id="acr" name="acr"><option>eidas2</option><option>eidas3</option><option>eidas1</option></select>
      <button type="submit">Se connecter</button>
    </form>
    <form method="post" action="${PREFIX}/interaction/${uid}/abort"><button type="submit">Annuler</button></form>`));
}

const callback = provider.callback();
http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, ISSUER);
    if (url.pathname === "/favicon.ico") {
      res.statusCode = 204;
      res.end();
      return;
    }
    if (url.pathname === "/health") {
      res.end("ok");
      return;
    }
    const match = url.pathname.match(new RegExp(`^${PREFIX}/interaction/([\\w-]+)(?:/(login|abort))?$`));
    if (match) {
      await interaction(req, res, match[1], match[2]);
      return;
    }
    if (!url.pathname.startsWith(PREFIX)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    // FranceConnect+ refuses a state or a nonce shorter than 32 characters.
    if (url.pathname === `${PREFIX}/auth`) {
      for (const name of ["state", "nonce"]) {
        if ((url.searchParams.get(name) || "").length < MIN_RANDOM) {
          res.statusCode = 400;
          res.setHeader("Content-Type", "text/html; charset=utf-8");
          res.end(page("Erreur", `<p id="erreur">invalid_request : ${name} doit compter au moins ${MIN_RANDOM} caractères</p>`));
          return;
        }
      }
    }
    req.originalUrl = req.url;
    req.url = req.url.slice(PREFIX.length) || "/";
    callback(req, res);
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
}).listen(PORT, HOST, () => console.log(`oidc-provider ${ISSUER}`));
