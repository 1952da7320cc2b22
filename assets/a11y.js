/* Reading aids. Python side: caf_app/components/layout.py page() (skip link to main#contenu, one h1 per page),
   caf_app/components/ui/steps.py steps() ([data-step]: the step a state holds), caf_app/pages/declaration.py
   ("Écouter" [data-speak] buttons), caf_app/components/ui/error_summary.py ([data-focus-here], its links),
   caf_app/pages/profil.py (the saved message, [data-focus-here]), caf_app/pages/transmission.py ([data-into-view]),
   caf_app/components/ui/link.py download_link ([data-pdf]). Deferred. */

/* Skip link: focus the main content (browsers only scroll). A click listener on document, before React Router. */
(function () {
  document.addEventListener("click", function (event) {
    var skip = event.target.closest && event.target.closest(".skip-link");
    if (!skip) { return; }
    var main = document.getElementById(skip.getAttribute("href").split("#")[1]);
    if (main) { event.preventDefault(); event.stopPropagation(); main.focus(); main.scrollIntoView(); }
  }, true);
})();

/* Focus to a new page's h1 (not at a full load: the skip link comes first), to a new step's first heading (not at
   its first render). Pages: an observer of <body>'s own children, where React swaps <main> after the address
   changed, then of the new <main> until its h1 comes; steps: an observer of the data-step attribute alone. */
(function () {
  function currentPath() { return location.pathname.replace(/\/+$/, "") || "/"; }  // "/a/" and "/a" are one page
  function focusOn(element) {
    if (!element.hasAttribute("tabindex")) { element.setAttribute("tabindex", "-1"); }
    element.focus();
  }
  var lastPath = currentPath(), pageMain = document.querySelector("main"), leaving = null, waiting = null;
  function focusTitle(main) {
    var h1 = main.querySelector("h1");
    if (h1) { focusOn(h1); return; }
    waiting = new MutationObserver(function () {
      var title = main.querySelector("h1");
      if (title) { waiting.disconnect(); waiting = null; focusOn(title); }
    });
    waiting.observe(main, { childList: true, subtree: true });
  }
  new MutationObserver(function () {
    var main = document.querySelector("main");
    if (currentPath() !== lastPath) {  // a navigation: the page left is the one of pageMain (maybe still shown)
      lastPath = currentPath();
      leaving = pageMain;
      if (waiting) { waiting.disconnect(); waiting = null; }
    }
    if (leaving && main && main !== leaving) { leaving = null; focusTitle(main); }
    pageMain = main;
  }).observe(document.body, { childList: true });
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      var step = record.target.getAttribute("data-step");
      if (record.oldValue !== null && step !== null && step !== record.oldValue) {
        focusOn(record.target.querySelector("h2, h1, h3") || record.target);
      }
    });
  }).observe(document, { subtree: true, attributeFilter: ["data-step"], attributeOldValue: true });
})();

/* "Écouter": read [data-speak]'s element aloud in French; html.no-speech hides .listen where there is no voice. */
(function () {
  if (!("speechSynthesis" in window)) {
    document.documentElement.classList.add("no-speech");
    return;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-speak]");
    var source = button && document.getElementById(button.getAttribute("data-speak"));
    if (!source) { return; }
    var utterance = new SpeechSynthesisUtterance(source.textContent);
    utterance.lang = "fr-FR";
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  });
})();

/* Feedback where the eye is: an element marked [data-focus-here] takes focus when it appears or its value changes
   (a form's error summary, a saved message next to its row); one marked [data-into-view] is scrolled into view (an
   upload's progress). An error summary's link focuses its field: the input, else its first radio, else its messages. */
(function () {
  function focusOn(element) {
    if (!element.hasAttribute("tabindex")) { element.setAttribute("tabindex", "-1"); }
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "center" });
  }
  function visit(node) {
    if (node.nodeType !== 1) { return; }
    var focus = node.matches("[data-focus-here]") ? node : node.querySelector("[data-focus-here]");
    if (focus) { focusOn(focus); }
    var view = node.matches("[data-into-view]") ? node : node.querySelector("[data-into-view]");
    if (view) { view.scrollIntoView({ block: "nearest" }); }
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === "attributes") {
        if (record.target.getAttribute(record.attributeName) !== record.oldValue) { focusOn(record.target); }
      } else {
        record.addedNodes.forEach(visit);
      }
    });
  }).observe(document, { subtree: true, childList: true, attributeFilter: ["data-focus-here"],
                         attributeOldValue: true });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[data-field]");
    if (!link) { return; }
    var key = link.getAttribute("data-field");
    var field = document.getElementById(key) || document.querySelector('[name="' + CSS.escape(key) + '"]') ||
      document.getElementById(key + "-messages");
    if (!field) { return; }
    event.preventDefault();
    event.stopPropagation();
    if (!field.matches("input, select, textarea, button")) { field.setAttribute("tabindex", "-1"); }
    field.focus({ preventScroll: true });
    field.scrollIntoView({ block: "center" });
  }, true);
})();

/* PDF downloads ([data-pdf] links, and window.cafDownloadPdf for a form's button): the control says "Préparation
   du PDF…" (aria-busy) while the server prepares it; once saved, it is itself again and a status right after it
   says "Attestation téléchargée" (or "Document téléchargé"). The PDF is fetched and saved from a blob; anything but a PDF (an expired session's page) is left
   to the browser. Offline, offline.js says the document must wait. */
(function () {
  var BUSY = "Préparation du PDF…";
  function doneText(url) { return /attestation/.test(url) ? "Attestation téléchargée" : "Document téléchargé"; }
  // The control's own content hides while the state shows (its text nodes emptied, then given back: React keeps them).
  function setState(control, text) {
    if (!control) { return; }
    var state = control.querySelector(".download-state");
    if (!state) {
      state = document.createElement("span");
      state.className = "download-state";
      control.appendChild(state);
    }
    var showing = !!text;
    Array.prototype.forEach.call(control.childNodes, function (child) {
      if (child === state) { return; }
      if (child.nodeType === 1) { child.hidden = showing; }
      if (child.nodeType === 3) {
        if (showing && child.cafText === undefined) { child.cafText = child.nodeValue; child.nodeValue = ""; }
        if (!showing && child.cafText !== undefined) { child.nodeValue = child.cafText; child.cafText = undefined; }
      }
    });
    state.textContent = text || "";
    state.hidden = !showing;
  }
  function filename(response, url) {
    var match = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "");
    return match ? match[1] : (url.split("/").pop().split("?")[0] || "document") + ".pdf";
  }
  window.cafDownloadPdf = function (url, control) {
    if (control && control.getAttribute("aria-busy") === "true") { return; }
    if (control) { control.setAttribute("aria-busy", "true"); setState(control, BUSY); }
    function finish(text) {  // the control as it was, and what happened said right after it
      if (!control) { return; }
      control.removeAttribute("aria-busy");
      setState(control, "");
      var next = control.nextElementSibling, note = next && next.classList.contains("download-done") ? next : null;
      if (!text) { if (note) { note.remove(); } return; }
      if (!note) {
        note = document.createElement("p");
        note.className = "hint download-done";
        note.setAttribute("role", "status");
        control.insertAdjacentElement("afterend", note);
      }
      note.textContent = text;
      setTimeout(function () { if (note.isConnected) { note.remove(); } }, 10000);
    }
    fetch(url, { credentials: "same-origin" }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (!response.ok || type.indexOf("application/pdf") < 0) {
        finish("");
        window.location.assign(url);
        return null;
      }
      return response.blob().then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = filename(response, url);
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
        finish(doneText(url));
      });
    }).catch(function () {
      finish("");
      window.location.assign(url);
    });
  };
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-pdf]");
    if (!link || !navigator.onLine || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    window.cafDownloadPdf(link.getAttribute("href"), link);
  }, true);
})();
