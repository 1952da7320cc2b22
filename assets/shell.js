/* Shell behaviours that must work before React starts and offline, without the server.
   Contrast theme: applied before the first paint, kept in localStorage, toggled by [data-contrast-toggle]
   buttons (which React renders without aria-pressed: this script sets it and keeps it right). */
(function () {
  // A random value for this browser, which a login ticket is bound to (login CSRF; caf_app/api/session.py);
  // over https a __Host- cookie, which no sibling subdomain can set. A value of the wrong form is replaced.
  var secure = location.protocol === "https:", binding = (secure ? "__Host-" : "") + "caf_navigateur";
  if (!new RegExp("(?:^|;\\s*)" + binding + "=[0-9a-f]{32}(?:;|$)").test(document.cookie)) {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    document.cookie = binding + "=" + Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2); }).join("") + "; path=/; SameSite=Strict" + (secure ? "; Secure" : "");
  }
  var KEY = "caf_contraste";
  var root = document.documentElement;
  function saved() {
    try { return localStorage.getItem(KEY) === "eleve"; } catch (e) { return false; }
  }
  function apply(on) {
    if (on) { root.setAttribute("data-contrast", "eleve"); } else { root.removeAttribute("data-contrast"); }
    var buttons = document.querySelectorAll("[data-contrast-toggle]");
    for (var i = 0; i < buttons.length; i++) { buttons[i].setAttribute("aria-pressed", on ? "true" : "false"); }
  }
  // Offline: React shows a banner (#hors-ligne) while the server cannot be reached; its text says since when
  // the information shown dates, kept here at each load made online.
  var LAST = "caf_derniere_connexion";
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre"];
  if (navigator.onLine) {
    try { localStorage.setItem(LAST, String(Date.now())); } catch (e) { /* private mode */ }
  }
  // When the device says it lost the network, the app's websocket (/_event) is closed at once, as a phone's browser does
  // when the network changes (an emulated "offline" leaves it open): Reflex then sees the connection gone, shows
  // the banner, keeps the next taps in its queue instead of writing them into a dead connection, and sends them
  // when it reconnects.
  var NativeWebSocket = window.WebSocket, openSockets = [];
  if (NativeWebSocket) {
    window.WebSocket = class extends NativeWebSocket {
      constructor(url, protocols) {
        super(url, protocols);
        if (String(url).indexOf("/_event") < 0) { return; }  // the app's own connection only
        openSockets.push(this);
        this.addEventListener("close", () => { openSockets = openSockets.filter((ws) => ws !== this); });
      }
    };
    window.addEventListener("offline", function () {
      openSockets.slice().forEach(function (ws) { ws.close(); });
    });
  }
  window.cafOfflineText = function () {
    var last = null;
    try { last = localStorage.getItem(LAST); } catch (e) { /* private mode */ }
    var when = "dernier chargement";
    if (last) {
      var d = new Date(parseInt(last, 10));
      when = d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear() + " à " + d.getHours() + "h" +
        String(d.getMinutes()).padStart(2, "0");
    }
    return "Vous êtes hors ligne : les informations affichées datent du " + when +
      ". Les actions qui ont besoin du serveur attendront le retour de la connexion.";
  };
  // The last known summary of the logged-in Accueil (dernier paiement, alertes, documents à transmettre), shown
  // offline. Kept in localStorage while the session lives: its "until" follows the session's end, pushed back at
  // each server event, and it is erased at logout and at expiry (also when read after that end).
  var SUMMARY = "caf_resume";
  window.cafKeepSummary = function (data) {
    data.until = Date.now() + data.seconds * 1000;
    data.saved = Date.now();
    try { localStorage.setItem(SUMMARY, JSON.stringify(data)); } catch (e) { /* private mode */ }
  };
  window.cafForgetSummary = function () {
    try { localStorage.removeItem(SUMMARY); } catch (e) { /* private mode */ }
  };
  function readSummary() {
    var data = null;
    try { data = JSON.parse(localStorage.getItem(SUMMARY) || "null"); } catch (e) { data = null; }
    if (data && !(Date.now() < data.until)) { window.cafForgetSummary(); data = null; }
    return data;
  }
  readSummary();  // a summary past its session's end (the browser was closed meanwhile) goes now
  // Connexion after a logout or an expiry (here or in another tab): nothing of the previous session stays.
  if (/^\/connexion/.test(location.pathname) && /[?&]motif=/.test(location.search)) { window.cafForgetSummary(); }
  // One field of the summary for React to render: a text ("" when none) or a list ([] when none).
  window.cafOfflineSummary = function (field) {
    var data = readSummary();
    var value = data ? data[field] : null;
    if (field === "alertes" || field === "a_transmettre") { return Array.isArray(value) ? value : []; }
    return typeof value === "string" ? value : "";
  };
  // The worker is registered with the build it serves (the hash of the route manifest every page names): a
  // new build is a new worker, with a fresh cache.
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      var manifest = document.querySelector('script[src*="/assets/manifest-"], link[href*="/assets/manifest-"]');
      var build = manifest ? /manifest-([^./]+)/.exec(manifest.getAttribute("src") || manifest.getAttribute("href")) : null;
      navigator.serviceWorker.register("/sw.js?build=" + (build ? build[1] : "0"), { scope: "/" });
      // The other pages for offline use, once this one has been quiet for 10 s (see sw.js).
      navigator.serviceWorker.ready.then(function (registration) {
        setTimeout(function () { if (registration.active) { registration.active.postMessage("plus-tard"); } }, 10000);
      });
    });
  }
  // Offline, a private document cannot come: say so where the person tapped, instead of the browser's error.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="/api/documents/"]');
    if (!link || navigator.onLine) { return; }
    event.preventDefault();
    var note = document.getElementById("hors-ligne-document");
    if (!note) {
      note = document.createElement("p");
      note.id = "hors-ligne-document";
      note.className = "message message--error";
      note.setAttribute("role", "alert");
    }
    note.textContent = "Vous êtes hors ligne : ce document pourra être téléchargé quand la connexion sera revenue.";
    link.insertAdjacentElement("afterend", note);
  });
  window.addEventListener("online", function () {
    var note = document.getElementById("hors-ligne-document");
    if (note) { note.remove(); }
  });
  // Install: the browser's own prompt, offered by an "Installer l'application" button where it exists.
  // The event usually comes on the first page, before the Menu (and its button) is mounted: buttons mounted
  // later are shown by showInstall() from the MutationObserver below. Once installed, or opened from the home
  // screen, there is nothing to offer.
  var installEvent = null;
  var standalone = window.matchMedia && window.matchMedia("(display-mode: standalone)");
  function showInstall() {
    var offer = !!installEvent && !(standalone && standalone.matches);
    var buttons = document.querySelectorAll("[data-install]");
    for (var i = 0; i < buttons.length; i++) { if (buttons[i].hidden === offer) { buttons[i].hidden = !offer; } }
  }
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    installEvent = event;
    showInstall();
  });
  window.addEventListener("appinstalled", function () {
    installEvent = null;
    showInstall();
  });
  document.addEventListener("click", function (event) {
    if (installEvent && event.target.closest && event.target.closest("[data-install]")) { installEvent.prompt(); }
  });
  var isIos = /iphone|ipad|ipod/i.test(navigator.userAgent) && !window.navigator.standalone;
  if (isIos) { root.classList.add("ios-install"); }
  // "Écouter": read a question aloud with the browser's French voice; hidden where there is none.
  if (!("speechSynthesis" in window)) { root.classList.add("no-speech"); }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-speak]");
    if (!button || !("speechSynthesis" in window)) { return; }
    var source = document.getElementById(button.getAttribute("data-speak"));
    if (!source) { return; }
    var utterance = new SpeechSynthesisUtterance(source.textContent);
    utterance.lang = "fr-FR";
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  });
  var current = saved();
  apply(current);
  document.addEventListener("click", function (event) {
    // Skip link: move focus to the main content (browsers only scroll to a fragment).
    var skip = event.target.closest && event.target.closest(".skip-link");
    if (skip) {
      var main = document.getElementById(skip.getAttribute("href").split("#")[1]);
      if (main) { event.preventDefault(); event.stopPropagation(); main.focus(); main.scrollIntoView(); }
      return;
    }
    var button = event.target.closest && event.target.closest("[data-contrast-toggle]");
    if (!button) { return; }
    current = !current;
    var on = current;
    try { localStorage.setItem(KEY, on ? "eleve" : "standard"); } catch (e) { /* private mode: session only */ }
    apply(on);
  }, true);  // capture: before React Router's own handling of links
  // Session expiry of private pages: #session-timer carries the seconds left, refreshed by the server at
  // each checked event; warn 2 minutes before the end, then leave through the logout route.
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
    var summary = readSummary();
    if (summary) { summary.until = Date.now() + seconds * 1000; localStorage.setItem(SUMMARY, JSON.stringify(summary)); }
    warnTimer = setTimeout(openWarning, Math.max(0, seconds - WARN) * 1000);
    endTimer = setTimeout(function () {
      try { sessionStorage.clear(); } catch (e) { /* the tab state is then forgotten by the server's expiry */ }
      window.cafForgetSummary();
      location.assign("/api/session/fermer?motif=expiration");
    }, seconds * 1000);
  }
  // Focus follows the content. After a navigation inside the app, it goes to the new page's h1; after a step of
  // a form (the [data-step] box changes value), to the step's first heading. A full page load keeps the
  // browser's own start (the skip link first), and so does the first render of a step.
  function currentPath() { return location.pathname.replace(/\/+$/, "") || "/"; }  // "/a/" and "/a" are one page
  var lastPath = currentPath(), lastH1 = null, pendingPage = false, lastStep = null;
  function focusOn(element) {
    if (!element.hasAttribute("tabindex")) { element.setAttribute("tabindex", "-1"); }
    element.focus();
  }
  function followContent() {
    if (currentPath() !== lastPath) { lastPath = currentPath(); pendingPage = true; lastStep = null; }
    var h1 = document.querySelector("main h1");
    if (h1 && h1 !== lastH1) {
      lastH1 = h1;
      if (pendingPage) { pendingPage = false; focusOn(h1); }
    }
    var box = document.querySelector("main [data-step]");
    var step = box ? box.getAttribute("data-step") : null;
    if (step !== lastStep) {
      var before = lastStep;
      lastStep = step;
      if (before !== null && step !== null) { focusOn(box.querySelector("h2, h1, h3") || box); }
    }
  }
  // A form marked data-keep="name" keeps what is typed in this tab's sessionStorage at each keystroke, with no
  // round trip to the server (so a reload, a lost connection or a tap on "Simuler" at the wrong moment loses
  // nothing), and gets it back when it is shown again. Its inputs are uncontrolled: React leaves their values.
  function keptValues(form) {
    try { return JSON.parse(sessionStorage.getItem(form.getAttribute("data-keep")) || "{}") || {}; }
    catch (error) { return {}; }
  }
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (!form || !form.hasAttribute("data-keep") || !event.target.name) { return; }
    var data = keptValues(form);
    if (event.target.type === "radio" && !event.target.checked) { return; }
    data[event.target.name] = String(event.target.value).slice(0, 20);
    try { sessionStorage.setItem(form.getAttribute("data-keep"), JSON.stringify(data)); } catch (error) { /* full */ }
  }, true);
  function restoreKept() {
    var forms = document.querySelectorAll("form[data-keep]:not([data-kept])");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i], data = keptValues(form);
      form.setAttribute("data-kept", "");
      for (var j = 0; j < form.elements.length; j++) {
        var field = form.elements[j];
        if (!field.name || !(field.name in data)) { continue; }
        if (field.type === "radio") { field.checked = field.value === data[field.name]; }
        else if (field.type !== "submit") { field.value = data[field.name]; }
      }
    }
  }
  // React mounts new Contraste buttons and timers on each page: give them their state too.
  new MutationObserver(function () {
    if (document.querySelector("[data-contrast-toggle]:not([aria-pressed])")) { apply(current); }
    schedule();
    followContent();
    restoreKept();
    showInstall();
  }).observe(root, { childList: true, subtree: true, attributes: true,
                     attributeFilter: ["data-refreshed", "data-step"] });
})();

/* Passkeys: the two WebAuthn ceremonies, called by the server's events (rx.call_script with a callback). The
   options come from the server as JSON; the answer goes back as JSON, or "erreur:<name>" (cancelled, not
   supported...). */
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

/* The app's forms are sent by React (their submit events go to the server over the websocket). A tap on a
   prerendered form before React took the page over would send it the browser's way: a page reload that loses
   what was typed. Such a submit is held, and sent again as soon as React owns the form. Forms with an action of
   their own are left alone. */
(function () {
  function owned(form) {
    return Object.keys(form).some(function (key) { return key.indexOf("__reactProps$") === 0; });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.hasAttribute("action")) { return; }
    event.preventDefault();  // never the browser's own submission; React handles the event when it owns the form
    if (owned(form)) { return; }
    console.info("caf : envoi retenu jusqu'à ce que la page soit prête");
    var submitter = event.submitter, tries = 0;
    var timer = setInterval(function () {
      tries += 1;
      if (!form.isConnected || tries > 400) { clearInterval(timer); return; }
      if (owned(form)) {
        clearInterval(timer);
        form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      }
    }, 50);
  }, true);
})();
