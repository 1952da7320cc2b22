/* Logging in and staying logged in. Python side: caf_app/api/session.py (browser_binding_cookie,
   NEW_SESSION_COOKIE, /api/session/fermer), caf_app/state/session.py SessionState.seconds_left / refreshed
   (#session-timer), the passkey events of caf_app/state/connexion.py and caf_app/state/compte.py.
   Before the app's modules (its websocket must carry the binding, its token be new); after offline.js. */

/* Browser binding (login CSRF), which a login ticket is tied to. The server sets it with the pages it serves; nginx
   serves them as files in production and sets nothing: this fallback then sets it, as the server would. */
(function () {
  var secure = location.protocol === "https:", name = (secure ? "__Host-" : "") + "caf_navigateur";
  if (new RegExp("(?:^|;\\s*)" + name + "=[0-9a-f]{32}(?:;|$)").test(document.cookie)) { return; }
  var bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  document.cookie = name + "=" + Array.prototype.map.call(bytes, function (b) {
    return ("0" + b.toString(16)).slice(-2); }).join("") + "; path=/; SameSite=Strict" + (secure ? "; Secure" : "");
})();

/* New session (password, passkey or FranceConnect+): a new Reflex state token before the app starts, so no earlier
   tab state is reused. "garder": nobody was logged in here, what the forms kept ("caf_" keys) stays; "vider": no. */
(function () {
  var opened = document.cookie.match(/(?:^|; )caf_nouvelle_session=(garder|vider)/);
  if (!opened) { return; }
  try {
    var typed = opened[1] === "garder" ? Object.keys(sessionStorage).filter(function (k) {
      return k.indexOf("caf_") === 0; }).map(function (k) { return [k, sessionStorage.getItem(k)]; }) : [];
    sessionStorage.clear();
    typed.forEach(function (pair) { sessionStorage.setItem(pair[0], pair[1]); });
  } catch (e) { /* storage refused: Reflex makes a new token anyway */ }
  if (opened[1] === "vider" && window.cafForgetSummary) { window.cafForgetSummary(); }
  document.cookie = "caf_nouvelle_session=; Max-Age=0; path=/; SameSite=Lax" +
    (location.protocol === "https:" ? "; Secure" : "");
})();

/* Session expiry: warn 2 minutes before the end, then log out. Two observers: <body>'s own children (a page mounts
   or drops #session-timer) and the data-refreshed attribute alone. */
(function () {
  var WARN = 120, warnTimer = null, endTimer = null, lastRefresh = null, opener = null;
  function closeWarning() {
    var dialog = document.getElementById("session-warning");
    if (dialog && dialog.open) {
      dialog.close();
      if (opener && opener.focus) { opener.focus(); }
    }
  }
  function openWarning() {
    var dialog = document.getElementById("session-warning");
    if (dialog && !dialog.open) { opener = document.activeElement; dialog.showModal(); }
  }
  function schedule() {
    var timer = document.getElementById("session-timer");
    var refresh = timer ? timer.getAttribute("data-refreshed") : null;
    if (refresh === lastRefresh) { return; }
    lastRefresh = refresh;
    clearTimeout(warnTimer); clearTimeout(endTimer); closeWarning();
    var seconds = timer ? parseInt(timer.getAttribute("data-seconds"), 10) : 0;
    if (!seconds) { return; }
    if (window.cafExtendSummary) { window.cafExtendSummary(seconds); }
    warnTimer = setTimeout(openWarning, Math.max(0, seconds - WARN) * 1000);
    endTimer = setTimeout(function () {
      try { sessionStorage.clear(); } catch (e) { /* the tab state is then forgotten by the server's expiry */ }
      if (window.cafForgetSummary) { window.cafForgetSummary(); }
      location.assign("/api/session/fermer?motif=expiration");
    }, seconds * 1000);
  }
  document.addEventListener("DOMContentLoaded", function () {
    schedule();
    new MutationObserver(schedule).observe(document.body, { childList: true });
    new MutationObserver(schedule).observe(document.body, { subtree: true, attributeFilter: ["data-refreshed"] });
  });
})();

/* Passkeys: the WebAuthn ceremonies, called by rx.call_script (cafUsePasskey, cafCreatePasskey). JSON options in;
   JSON out, or "erreur:<name>" (cancelled, not supported...). */
(function () {
  function supported() {
    return !!(window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON);
  }
  window.cafCreatePasskey = async function (json) {
    if (!supported()) { return "erreur:NotSupportedError"; }
    try {
      var options = PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(json));
      var credential = await navigator.credentials.create({ publicKey: options });
      return JSON.stringify(credential.toJSON());
    } catch (error) { return "erreur:" + (error && error.name || "Error"); }
  };
  window.cafUsePasskey = async function (json) {
    if (!supported()) { return "erreur:NotSupportedError"; }
    try {
      var options = PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(json));
      var credential = await navigator.credentials.get({ publicKey: options });
      return JSON.stringify(credential.toJSON());
    } catch (error) { return "erreur:" + (error && error.name || "Error"); }
  };
})();
