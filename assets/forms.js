/* Forms. Python side: every rx.el.form, sent by React to a state's handler (e.g. caf_app/state/connexion.py); the
   data-keep forms (caf_app/pages/simulation.py), whose keys caf_app/state/session.py keeps across a login.
   Before the app: a tap on a prerendered form can come before React owns the page. */

/* Held submits: before React owns a form, a submit would reload the page and lose what was typed; it is held and
   sent again once React owns it. Forms with an action are left alone. A submit listener on document. */
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

/* Kept forms: a form data-keep="name" keeps what is typed in sessionStorage at each keystroke (no round trip: a
   reload or a lost connection loses nothing) and gets it back when shown again (uncontrolled inputs). An input
   listener on document; an observer of the nodes React adds to the page's <main>, moved at each new page. */
(function () {
  var SELECTOR = "form[data-keep]:not([data-kept])";
  function keptValues(form) {
    try { return JSON.parse(sessionStorage.getItem(form.getAttribute("data-keep")) || "{}") || {}; }
    catch (error) { return {}; }
  }
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (!form || !form.hasAttribute("data-keep") || !event.target.name) { return; }
    var data = keptValues(form);
    if (event.target.type === "radio" && !event.target.checked) { return; }
    // Short answers by default; a form may keep longer texts whole (data-keep-max: a message to the Caf).
    var longest = parseInt(form.getAttribute("data-keep-max"), 10) || 20;
    data[event.target.name] = String(event.target.value).slice(0, longest);
    try { sessionStorage.setItem(form.getAttribute("data-keep"), JSON.stringify(data)); } catch (error) { /* full */ }
  }, true);
  function restore(node) {  // the kept forms in node (or node itself), not restored yet
    var forms = node.matches(SELECTOR) ? [node] : node.querySelectorAll(SELECTOR);
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
  var main = null, added = new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var nodes = records[i].addedNodes;
      for (var j = 0; j < nodes.length; j++) { if (nodes[j].nodeType === 1) { restore(nodes[j]); } }
    }
  });
  function watchPage() {
    restore(document.body);
    var current = document.querySelector("main");
    if (current === main) { return; }
    added.disconnect();
    main = current;
    if (main) { added.observe(main, { childList: true, subtree: true }); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    watchPage();
    new MutationObserver(watchPage).observe(document.body, { childList: true });
  });
})();

/* Links that carry the page's destination (Connexion reached for a demande -> Créer Mon Compte): a tap before the
   page's loader has set the link's address would follow the bare one and lose the demande; this page's own
   ?suivant= is added to it (the server checks it: a local path only). The links are full navigations
   (caf_app/pages/connexion.py), so the browser follows the address as set here. A click listener on document. */
(function () {
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[data-carry-suivant]") : null;
    if (!link) { return; }
    var next = new URLSearchParams(window.location.search).get("suivant");
    if (!next) { return; }
    var url = new URL(link.getAttribute("href") || "", window.location.href);
    if (url.origin !== window.location.origin || url.searchParams.get("suivant")) { return; }
    url.searchParams.set("suivant", next);
    link.setAttribute("href", url.pathname + url.search);
  }, true);
})();
