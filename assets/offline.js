/* The installed app, online and offline. Python side: caf_app/components/layout.py offline_banner() (#hors-ligne
   reads cafOfflineText), caf_app/state/accueil.py (cafKeepSummary), caf_app/pages/accueil.py (cafOfflineSummary),
   caf_app/state/session.py (cafForgetSummary), caf_app/api/documents.py, caf_app/routes.py (pages sw.js keeps),
   caf_app/pages/menu.py ([data-install], .ios-only). Before the app's modules: its websocket library takes
   window.WebSocket when evaluated. */

/* Offline notice: since when the information shown dates (each load made online). On "offline" the app's
   websocket is closed, as a phone does when the network changes: Reflex shows the banner and queues the taps
   until it reconnects, instead of writing them into a dead connection. Window events only. */
(function () {
  var LAST = "caf_derniere_connexion";
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre"];
  if (navigator.onLine) {
    try { localStorage.setItem(LAST, String(Date.now())); } catch (e) { /* private mode */ }
  }
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
})();

/* Offline summary of the logged-in Accueil, kept while the session lives: "until" follows its end (session.js
   pushes it back at each server event); erased at logout, at expiry, and when read after that end. */
(function () {
  var SUMMARY = "caf_resume";
  function forget() {
    try { localStorage.removeItem(SUMMARY); } catch (e) { /* private mode */ }
  }
  function read() {
    var data = null;
    try { data = JSON.parse(localStorage.getItem(SUMMARY) || "null"); } catch (e) { data = null; }
    if (data && !(Date.now() < data.until)) { forget(); data = null; }
    return data;
  }
  function store(data) {
    try { localStorage.setItem(SUMMARY, JSON.stringify(data)); } catch (e) { /* private mode */ }
  }
  window.cafForgetSummary = forget;
  window.cafKeepSummary = function (data) {
    data.until = Date.now() + data.seconds * 1000;
    data.saved = Date.now();
    store(data);
  };
  window.cafExtendSummary = function (seconds) {
    var data = read();
    if (data) { data.until = Date.now() + seconds * 1000; store(data); }
  };
  // One field for React to render: a text ("" when none) or a list ([] when none).
  window.cafOfflineSummary = function (field) {
    var data = read();
    var value = data ? data[field] : null;
    if (field === "alertes" || field === "a_transmettre") { return Array.isArray(value) ? value : []; }
    return typeof value === "string" ? value : "";
  };
  read();  // a summary past its session's end (the browser was closed meanwhile) goes now
  // Connexion after a logout or an expiry (here or in another tab): nothing of the previous session stays.
  if (/^\/connexion/.test(location.pathname) && /[?&]motif=/.test(location.search)) { forget(); }
})();

/* Documents offline: say where the person tapped that the document must wait. A click listener on document. */
(function () {
  var NOTE = "hors-ligne-document";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="/api/documents/"]');
    if (!link || navigator.onLine) { return; }
    event.preventDefault();
    var note = document.getElementById(NOTE);
    if (!note) {
      note = document.createElement("p");
      note.id = NOTE;
      note.className = "message message--error";
      note.setAttribute("role", "alert");
    }
    note.textContent = "Vous êtes hors ligne : ce document pourra être téléchargé quand la connexion sera revenue.";
    link.insertAdjacentElement("afterend", note);
  });
  window.addEventListener("online", function () {
    var note = document.getElementById(NOTE);
    if (note) { note.remove(); }
  });
})();

/* Service worker, registered with its build (the route manifest's hash): a new build, a new worker and cache. */
(function () {
  if (!("serviceWorker" in navigator)) { return; }
  window.addEventListener("load", function () {
    var manifest = document.querySelector('script[src*="/assets/manifest-"], link[href*="/assets/manifest-"]');
    var build = manifest ? /manifest-([^./]+)/.exec(manifest.getAttribute("src") || manifest.getAttribute("href")) : null;
    navigator.serviceWorker.register("/sw.js?build=" + (build ? build[1] : "0"), { scope: "/" });
    // The other pages for offline use, once this one has been quiet for 10 s (see sw.js).
    navigator.serviceWorker.ready.then(function (registration) {
      setTimeout(function () { if (registration.active) { registration.active.postMessage("plus-tard"); } }, 10000);
    });
  });
})();

/* Install prompt, offered by the [data-install] buttons. The offer usually comes before the Menu is mounted: a
   page's buttons are shown from an observer of <body>'s own children (React swaps them at each page). */
(function () {
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
  document.addEventListener("DOMContentLoaded", function () {
    new MutationObserver(function () { if (installEvent) { showInstall(); } }).observe(document.body, { childList: true });
  });
  if (/iphone|ipad|ipod/i.test(navigator.userAgent) && !window.navigator.standalone) {
    document.documentElement.classList.add("ios-install");
  }
})();
